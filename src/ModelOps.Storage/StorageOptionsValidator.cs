using Microsoft.Extensions.Options;

namespace ModelOps.Storage;

/// <summary>
/// Checks <see cref="StorageOptions"/> at start-up (registered with <c>ValidateOnStart</c>): a parsable connection string
/// with a key, or a credential with all three endpoints, and sane block size and retries.
/// </summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        try
        {
            // Building the account runs every check; it is cheap (no I/O) and keeps one list of rules.
            _ = StorageAccount.Create(options);
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}

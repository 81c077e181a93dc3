namespace ModelOps.Access;

/// <summary>
/// The app roles of ModelOps as Microsoft Entra ID puts them in a token's <c>roles</c> claim, and the permissions each
/// grants. Names are compared ordinally.
/// </summary>
public static class AppRoles
{
    public const string Reader = "ModelOps.Reader";
    public const string Invoker = "ModelOps.Invoker";
    public const string Deployer = "ModelOps.Deployer";
    public const string Trainer = "ModelOps.Trainer";
    public const string Admin = "ModelOps.Admin";

    public static IReadOnlyList<string> All { get; } = [Reader, Invoker, Deployer, Trainer, Admin];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);

    /// <summary>Whether <paramref name="role"/> grants <paramref name="permission"/>.</summary>
    public static bool Grants(string role, Permission permission) => role switch
    {
        Admin => true,
        Reader => permission == Permission.Read,
        Invoker => permission == Permission.Invoke,
        Trainer => permission is Permission.Read or Permission.Train,
        Deployer => permission is Permission.Read or Permission.Deploy,
        _ => false,
    };

    /// <summary>The least role that grants <paramref name="permission"/> (Admin grants every one).</summary>
    public static string LeastGranting(Permission permission) => permission switch
    {
        Permission.Read => Reader,
        Permission.Invoke => Invoker,
        Permission.Train => Trainer,
        Permission.Deploy => Deployer,
        _ => Admin,
    };
}

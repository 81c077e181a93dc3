namespace ModelOps.Registry;

/// <summary>What one <see cref="ModelRegistry.RecoverAsync"/> pass repaired.</summary>
/// <param name="Finished">Dead registrations whose files were complete, now Ready.</param>
/// <param name="Released">Dead registrations whose numbers were given back.</param>
/// <param name="OrphansDeleted">Model versions whose files no record owned, deleted.</param>
public sealed record RegistryRecovery(int Finished = 0, int Released = 0, int OrphansDeleted = 0);

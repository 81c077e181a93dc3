namespace ModelOps.Provisioning.Access;

/// <summary>
/// One role the stack's managed identity holds: which role, on which resource, and the assignment's name (a GUID derived
/// from subscription, scope resource and role, so a re-run finds the same assignment instead of adding a second).
/// </summary>
public sealed record RoleAssignmentPlan(string Name, BuiltInRole Role, RoleScope Scope, string RoleDefinitionId, string Why);

namespace ModelOps.Workflows.Registration;

/// <summary>
/// The workflows and activities this process knows, by name (case-sensitive, as Durable Functions names are).
/// Public so other runners (the Durable Functions adapter) dispatch to the same classes the local runner does.
/// </summary>
public sealed class WorkflowRegistry
{
    private readonly Dictionary<string, WorkflowRegistration> _workflows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ActivityRegistration> _activities = new(StringComparer.Ordinal);

    public IEnumerable<string> WorkflowNames => _workflows.Keys;

    internal void Add(WorkflowRegistration registration)
    {
        if (!_workflows.TryAdd(registration.Name, registration))
        {
            throw new InvalidOperationException($"A workflow named '{registration.Name}' is registered twice.");
        }
    }

    internal void Add(ActivityRegistration registration)
    {
        if (!_activities.TryAdd(registration.Name, registration))
        {
            throw new InvalidOperationException($"An activity named '{registration.Name}' is registered twice.");
        }
    }

    public WorkflowRegistration? FindWorkflow(string name) => _workflows.GetValueOrDefault(name);

    public ActivityRegistration? FindActivity(string name) => _activities.GetValueOrDefault(name);
}

using Microsoft.Extensions.DependencyInjection;
using ModelOps.Workflows.Registration;
using ModelOps.Workflows.Replay;

namespace ModelOps.Workflows.Tests.Support;

/// <summary>
/// Drives the pure replay executor the way the runner does (episode after episode, each replaying the whole history),
/// with activities as in-process delegates and a manual clock. It tests the deterministic replay logic in isolation;
/// the runner over real storage is tested in Runner/.
/// </summary>
internal sealed class ReplayHarness
{
    private readonly Dictionary<string, Func<string?, string?>> _activities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<string?, string?>> _children = new(StringComparer.Ordinal);
    private readonly List<HistoryEvent> _inbox = [];
    private readonly List<WorkflowAction> _pendingActivities = [];
    private readonly List<WorkflowAction> _pendingTimers = [];
    private readonly IServiceProvider _services;
    private readonly WorkflowRegistration _workflow;

    public ReplayHarness(Type workflowType, string? input, string name = "Workflow")
    {
        var services = new ServiceCollection();
        services.AddTransient(workflowType);
        _services = services.BuildServiceProvider();
        _workflow = Invokers.ForWorkflow(workflowType, name);
        Name = name;
        _inbox.Add(new HistoryEvent(HistoryEventType.ExecutionStarted, Time.GetUtcNow()) { Name = name, Data = input });
    }

    public string Name { get; }

    public string InstanceId { get; init; } = "run-1";

    public ManualTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 22, 4, 0, 0, TimeSpan.Zero));

    public List<HistoryEvent> History { get; } = [];

    /// <summary>Every activity call the harness executed, in order.</summary>
    public List<(string Name, int TaskId, string? Input)> Executed { get; } = [];

    public EpisodeResult? Last { get; private set; }

    public WorkflowOutcome? Outcome { get; private set; }

    public ReplayHarness Activity(string name, Func<string?, string?> run)
    {
        _activities[name] = run;
        return this;
    }

    public ReplayHarness Child(string name, Func<string?, string?> run)
    {
        _children[name] = run;
        return this;
    }

    public void Raise(string name, string? payload) =>
        _inbox.Add(new HistoryEvent(HistoryEventType.EventRaised, Time.GetUtcNow()) { Name = name, Data = payload });

    /// <summary>One episode: replay <see cref="History"/>, feed the inbox, record what the code decided.</summary>
    public EpisodeResult RunEpisode()
    {
        var fresh = new List<HistoryEvent> { new(HistoryEventType.EpisodeStarted, Time.GetUtcNow()) };
        fresh.AddRange(_inbox);
        _inbox.Clear();
        var result = WorkflowExecutor.Execute(_workflow, _services, InstanceId, 1, History.ToList(), fresh);
        History.AddRange(fresh);
        History.AddRange(result.Actions.Select(a => a.ToHistoryEvent(Time.GetUtcNow())));
        foreach (var action in result.Actions)
        {
            (action.Kind == WorkflowActionKind.CreateTimer ? _pendingTimers : _pendingActivities).Add(action);
        }

        Last = result;
        Outcome = result.Outcome;
        return result;
    }

    /// <summary>Replays the whole history once more, the last episode's <paramref name="lastEpisodeEvents"/> events as new ones.</summary>
    public EpisodeResult ReplayAgain(int lastEpisodeEvents) =>
        WorkflowExecutor.Execute(_workflow, _services, InstanceId, 1, History[..^lastEpisodeEvents], History[^lastEpisodeEvents..]);

    /// <summary>
    /// Runs episodes, activities and due timers until the code ends or waits; with <paramref name="advanceClock"/> a
    /// wait on a timer moves the clock to it, otherwise it counts as waiting.
    /// </summary>
    public WorkflowOutcome? RunToEnd(bool advanceClock = true, int maxEpisodes = 100)
    {
        for (var i = 0; i < maxEpisodes; i++)
        {
            RunEpisode();
            if (Outcome is not null)
            {
                return Outcome;
            }

            RunPendingWork();
            if (_inbox.Count == 0)
            {
                if (_pendingTimers.Count == 0 || !advanceClock)
                {
                    return null;
                }

                Time.SetUtcNow(_pendingTimers.Min(t => t.FireAt!.Value));
                FireDueTimers();
            }
        }

        throw new InvalidOperationException("The workflow did not settle.");
    }

    public void RunPendingWork()
    {
        foreach (var action in _pendingActivities.ToList())
        {
            _pendingActivities.Remove(action);
            if (action.Kind == WorkflowActionKind.CreateSubWorkflow)
            {
                Complete(action, HistoryEventType.SubWorkflowCompleted, HistoryEventType.SubWorkflowFailed, _children[action.Name], action.Input);
            }
            else
            {
                Executed.Add((action.Name, action.TaskId, action.Input));
                Complete(action, HistoryEventType.TaskCompleted, HistoryEventType.TaskFailed, _activities[action.Name], action.Input);
            }
        }

        FireDueTimers();
    }

    public void FireDueTimers()
    {
        foreach (var timer in _pendingTimers.Where(t => t.FireAt <= Time.GetUtcNow()).ToList())
        {
            _pendingTimers.Remove(timer);
            _inbox.Add(new HistoryEvent(HistoryEventType.TimerFired, Time.GetUtcNow()) { TaskId = timer.TaskId, FireAt = timer.FireAt });
        }
    }

    private void Complete(WorkflowAction action, HistoryEventType ok, HistoryEventType failed, Func<string?, string?> run, string? input)
    {
        try
        {
            _inbox.Add(new HistoryEvent(ok, Time.GetUtcNow()) { TaskId = action.TaskId, Data = run(input) });
        }
        catch (Exception ex)
        {
            _inbox.Add(new HistoryEvent(failed, Time.GetUtcNow()) { TaskId = action.TaskId, Failure = WorkflowFailureDetails.FromException(ex) });
        }
    }
}

namespace ModelOps.Workflows;

/// <summary>
/// One step of a workflow that does real work (I/O, training, registration). Resolved from DI by its registered name.
/// </summary>
/// <remarks>
/// Activities run at least once: a host that dies in the middle of one leaves it to run again on another host.
/// Their effects must therefore be idempotent; <see cref="ActivityContext.IdempotencyKey"/> is stable across such
/// re-runs and is the key to write effects under (insert-if-absent). Once an activity's completion is recorded it is
/// never executed again.
/// </remarks>
/// <typeparam name="TInput">The input, carried as JSON.</typeparam>
/// <typeparam name="TOutput">The result, carried as JSON.</typeparam>
public interface IActivity<TInput, TOutput>
{
    Task<TOutput> RunAsync(ActivityContext context, TInput input, CancellationToken cancellationToken = default);
}

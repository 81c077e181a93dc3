using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ModelOps.Inference.Jobs.Queue;

/// <summary>
/// The local host's trigger on <c>modelops-inference</c>, with the rules of the Functions queue trigger: messages are
/// received in batches, handled at most <see cref="InferenceQueueOptions.MaxConcurrentMessages"/> at once, removed when
/// handled; a failed attempt leaves the message to reappear after <see cref="InferenceQueueOptions.VisibilityTimeout"/>,
/// and the attempt that reaches <see cref="InferenceQueueOptions.MaxDequeueCount"/> moves it to the poison queue. A
/// message that is not base64 moves to the poison queue at once. An empty queue is polled with exponential back-off
/// from <see cref="InferenceQueueOptions.MinPollingInterval"/> to <see cref="InferenceQueueOptions.MaxPollingInterval"/>.
/// </summary>
public sealed class InferenceQueueListener : BackgroundService
{
    private readonly IInferenceQueue _queue;
    private readonly QueueInferenceService _service;
    private readonly InferenceQueueOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<InferenceQueueListener> _logger;

    public InferenceQueueListener(
        IInferenceQueue queue,
        QueueInferenceService service,
        IOptions<InferenceJobsOptions> options,
        TimeProvider time,
        ILogger<InferenceQueueListener> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _queue = queue;
        _service = service;
        _options = options.Value.Queue;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        Log.ListenerStarted(_logger, _options.BatchSize, _options.MaxConcurrentMessages, _options.MaxDequeueCount);
        using var slots = new SemaphoreSlim(_options.MaxConcurrentMessages);
        var running = new HashSet<Task>();
        var idle = TimeSpan.Zero;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                var free = slots.CurrentCount + 1;
                IReadOnlyList<ReceivedMessage> messages;
                try
                {
                    messages = await _queue.ReceiveAsync(Math.Min(_options.BatchSize, free), _options.ProcessingTimeout, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    slots.Release();
                    idle = Next(idle);
                    Log.ReceiveFailed(_logger, idle, exception);
                    await Task.Delay(idle, _time, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                if (messages.Count == 0)
                {
                    slots.Release();
                    idle = Next(idle);
                    await Task.Delay(idle, _time, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                idle = TimeSpan.Zero;
                for (var i = 0; i < messages.Count; i++)
                {
                    if (i > 0)
                    {
                        await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                    }

                    var task = HandleAsync(messages[i], slots, stoppingToken);
                    lock (running)
                    {
                        running.Add(task);
                    }

                    _ = task.ContinueWith(
                        t =>
                        {
                            lock (running)
                            {
                                running.Remove(t);
                            }
                        },
                        CancellationToken.None,
                        TaskContinuationOptions.ExecuteSynchronously,
                        TaskScheduler.Default);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: messages in hand finish or reappear after their processing timeout.
        }

        Task[] remaining;
        lock (running)
        {
            remaining = [.. running];
        }

        await Task.WhenAll(remaining).ConfigureAwait(false);
    }

    /// <summary>Handles one message and settles it: removed when done with, released or poisoned when its attempt failed.</summary>
    private async Task HandleAsync(ReceivedMessage message, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            if (message.Text is null)
            {
                Log.MessageUndecodable(_logger, message.Id);
                await _queue.MoveToPoisonAsync(message, stoppingToken).ConfigureAwait(false);
                return;
            }

            try
            {
                await _service.HandleAsync(message.Text, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                if (message.DequeueCount >= _options.MaxDequeueCount)
                {
                    Log.MessagePoisoned(_logger, message.Id, message.DequeueCount, exception);
                    await _queue.MoveToPoisonAsync(message, stoppingToken).ConfigureAwait(false);
                }
                else
                {
                    Log.MessageRetried(_logger, message.Id, message.DequeueCount, _options.MaxDequeueCount, exception);
                    await _queue.ReleaseAsync(message, _options.VisibilityTimeout, stoppingToken).ConfigureAwait(false);
                }

                return;
            }

            await _queue.DeleteAsync(message, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Settling failed (storage unreachable): the message reappears after its processing timeout and is counted again.
            Log.MessageRetried(_logger, message.Id, message.DequeueCount, _options.MaxDequeueCount, exception);
        }
        catch (OperationCanceledException)
        {
            // Shutting down mid-message: it reappears after its processing timeout.
        }
        finally
        {
            slots.Release();
        }
    }

    private TimeSpan Next(TimeSpan idle)
    {
        var next = idle == TimeSpan.Zero ? _options.MinPollingInterval : idle * 2;
        return next > _options.MaxPollingInterval ? _options.MaxPollingInterval : next;
    }
}

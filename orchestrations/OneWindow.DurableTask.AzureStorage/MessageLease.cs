using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace OneWindow.DurableTask.AzureStorage;

/// <summary>
/// Holds received queue messages invisible while work is in progress (renewing their visibility), then deletes or abandons them.
/// A crashed host stops renewing, so its messages come back after one visibility timeout.
/// </summary>
internal sealed class MessageLease : IAsyncDisposable
{
    private readonly QueueClient _queue;
    private readonly TimeSpan _visibility;
    private readonly Dictionary<string, string> _popReceipts = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewal;
    private readonly Action<string>? _abandoned;

    public MessageLease(QueueClient queue, IEnumerable<QueueMessage> messages, TimeSpan visibility, Action<string>? abandoned = null)
    {
        _queue = queue;
        _abandoned = abandoned;
        _visibility = visibility;
        foreach (var message in messages)
        {
            _popReceipts[message.MessageId] = message.PopReceipt;
        }

        _renewal = RenewAsync();
    }

    /// <summary>The queue the messages came from.</summary>
    public QueueClient Queue => _queue;

    public async Task DeleteAsync(string messageId)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_popReceipts.Remove(messageId, out var receipt))
            {
                try
                {
                    await _queue.DeleteMessageAsync(messageId, receipt).ConfigureAwait(false);
                }
                catch (RequestFailedException e) when (e.Status is 404 or 400)
                {
                    // Already gone or re-delivered elsewhere: the receiver side drops duplicates.
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Makes a message visible again after <paramref name="delay"/> (it is processed again later).</summary>
    public async Task AbandonAsync(string messageId, TimeSpan delay)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_popReceipts.Remove(messageId, out var receipt))
            {
                _abandoned?.Invoke(messageId);
                try
                {
                    await _queue.UpdateMessageAsync(messageId, receipt, visibilityTimeout: delay).ConfigureAwait(false);
                }
                catch (RequestFailedException e) when (e.Status is 404 or 400)
                {
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task AbandonAllAsync(TimeSpan delay)
    {
        foreach (var id in _popReceipts.Keys.ToArray())
        {
            await AbandonAsync(id, delay).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _renewal.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _gate.Dispose();
    }

    private async Task RenewAsync()
    {
        var period = _visibility / 3;
        while (!_stop.IsCancellationRequested)
        {
            await Task.Delay(period, _stop.Token).ConfigureAwait(false);
            await _gate.WaitAsync(_stop.Token).ConfigureAwait(false);
            try
            {
                foreach (var (id, receipt) in _popReceipts.ToArray())
                {
                    try
                    {
                        var updated = await _queue.UpdateMessageAsync(id, receipt, visibilityTimeout: _visibility, cancellationToken: _stop.Token).ConfigureAwait(false);
                        _popReceipts[id] = updated.Value.PopReceipt;
                    }
                    catch (RequestFailedException e) when (e.Status is 404 or 400)
                    {
                        _popReceipts.Remove(id);
                    }
                }
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}

namespace MtaLint.Probe;

/// <summary>
/// A time limit that holds even for work that does not heed its cancellation token. Cancelling a
/// token only asks; a step that blocks inside a callback or a call that cannot be cancelled would
/// keep the caller waiting past the limit (a certificate check fetching the server's AIA URL held
/// a probe limited to 8 s for 15 s).
/// </summary>
internal static class Deadline
{
    /// <summary>
    /// Runs <paramref name="work"/> with <paramref name="source"/>'s token. True when it ended within
    /// <paramref name="limit"/> (its exceptions, a cancellation included, are thrown as they are);
    /// false when the limit came first: the token is then cancelled and the work left to end on its
    /// own, its outcome observed so that it is not reported as an unobserved exception.
    /// </summary>
    public static async Task<bool> RunAsync(Func<CancellationToken, Task> work, TimeSpan limit, CancellationTokenSource source)
    {
        var task = work(source.Token);
        try
        {
            await task.WaitAsync(limit).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            if (task.IsCompleted)
            {
                await task.ConfigureAwait(false); // it ended as the limit came: its own outcome stands
                return true;
            }

            await source.CancelAsync().ConfigureAwait(false);
            _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return false;
        }
    }
}

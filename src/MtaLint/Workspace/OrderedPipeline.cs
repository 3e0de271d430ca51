namespace MtaLint.Workspace;

/// <summary>
/// Maps items on the thread pool with a bounded window and yields the results in input order:
/// output stays deterministic, both cores work, and at most <c>window</c> results (syntax trees,
/// findings) are alive at once, so memory stays flat however many config units a run has.
/// </summary>
public static class OrderedPipeline
{
    public static IEnumerable<TResult> Map<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, TResult> map, int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        if (window == 1 || items.Count <= 1)
        {
            foreach (var item in items)
            {
                yield return map(item);
            }

            yield break;
        }

        var pending = new Queue<Task<TResult>>(window);
        var next = 0;
        try
        {
            while (next < items.Count && pending.Count < window)
            {
                pending.Enqueue(Start(items[next++], map));
            }

            while (pending.TryDequeue(out var head))
            {
                if (next < items.Count)
                {
                    pending.Enqueue(Start(items[next++], map));
                }

                yield return head.GetAwaiter().GetResult();
            }
        }
        finally
        {
            // An abandoned enumeration (an exception downstream) still waits for the work it started,
            // so no unit is being processed after the run has returned.
            foreach (var task in pending)
            {
                ((IAsyncResult)task).AsyncWaitHandle.WaitOne();
            }
        }
    }

    /// <summary>How many units to keep in flight: enough to keep every core busy behind a slow one.</summary>
    public static int DefaultWindow => Environment.ProcessorCount <= 1 ? 1 : Environment.ProcessorCount * 4;

    private static Task<TResult> Start<TItem, TResult>(TItem item, Func<TItem, TResult> map) =>
        Task.Run(() => map(item));
}

using MtaLint.Model;
using MtaLint.Text;

namespace MtaLint.Fixes;

/// <summary>
/// The edits taken so far in one fixing pass, to tell whether another edit would interfere with
/// one of them (<see cref="TextSpan.Overlaps"/>). Comparing each edit with every edit taken was
/// quadratic: 100,000 duplicate settings took minutes to fix.
/// </summary>
/// <remarks>
/// An edit [a, b) interferes with a taken edit when one of those starts in [a, b) (at a, for an
/// insertion), or when a taken replacement starts before a and ends after it. Both questions are
/// prefix and range queries over the edits' starts, which are known before the pass: Fenwick trees
/// over those starts (per file) count the taken edits and keep the furthest end of the taken replacements.
/// </remarks>
internal sealed class TakenEdits
{
    private readonly Dictionary<string, FileEdits> _files = new(StringComparer.Ordinal);

    /// <param name="candidates">Every edit that may be taken in the pass (their starts index the trees).</param>
    public TakenEdits(IEnumerable<TextEdit> candidates)
    {
        foreach (var group in candidates.GroupBy(e => e.File.Path, StringComparer.Ordinal))
        {
            _files[group.Key] = new FileEdits(group.Select(e => e.Span.Start));
        }
    }

    public bool Overlaps(TextEdit edit) => _files[edit.File.Path].Overlaps(edit.Span);

    public void Take(TextEdit edit) => _files[edit.File.Path].Take(edit.Span);

    private sealed class FileEdits
    {
        private readonly int[] _starts;
        private readonly int[] _count;
        private readonly int[] _furthestEnd;

        public FileEdits(IEnumerable<int> starts)
        {
            _starts = starts.Distinct().Order().ToArray();
            _count = new int[_starts.Length + 1];
            _furthestEnd = new int[_starts.Length + 1];
            Array.Fill(_furthestEnd, int.MinValue);
        }

        public bool Overlaps(TextSpan span)
        {
            // Taken edits starting in [a, b), or at a for an insertion.
            var end = span.Length == 0 ? span.Start + 1 : span.End;
            if (CountBefore(end) - CountBefore(span.Start) > 0)
            {
                return true;
            }

            // A taken replacement from before a over it.
            return FurthestEndBefore(span.Start) > span.Start;
        }

        public void Take(TextSpan span)
        {
            var slot = Array.BinarySearch(_starts, span.Start) + 1;
            for (var i = slot; i < _count.Length; i += i & -i)
            {
                _count[i]++;
                if (span.Length > 0)
                {
                    _furthestEnd[i] = Math.Max(_furthestEnd[i], span.End);
                }
            }
        }

        /// <summary>Taken edits whose start is below <paramref name="offset"/>.</summary>
        private int CountBefore(int offset)
        {
            var total = 0;
            for (var i = Slots(offset); i > 0; i -= i & -i)
            {
                total += _count[i];
            }

            return total;
        }

        /// <summary>The furthest end of the taken replacements that start below <paramref name="offset"/>.</summary>
        private int FurthestEndBefore(int offset)
        {
            var furthest = int.MinValue;
            for (var i = Slots(offset); i > 0; i -= i & -i)
            {
                furthest = Math.Max(furthest, _furthestEnd[i]);
            }

            return furthest;
        }

        /// <summary>How many of the known starts are below <paramref name="offset"/>.</summary>
        private int Slots(int offset)
        {
            var index = Array.BinarySearch(_starts, offset);
            return index >= 0 ? index : ~index;
        }
    }
}

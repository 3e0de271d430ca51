using MtaLint.Engine;
using MtaLint.Rules;
using MtaLint.Text;

namespace MtaLint.Policy;

/// <summary>
/// For each finding of a file, the first suppression comment (in file order) that names its rule
/// and covers it: a <c>disable-file</c>, or a <c>disable</c> whose target holds the finding's start.
/// Which comment counts decides which are reported unused, so it must be the first.
/// </summary>
/// <remarks>
/// Trying every comment for every finding was comments × findings. Per rule, the findings are
/// swept in the order of their starts past the targets in the order of theirs, keeping the
/// targets that have begun in a heap by comment order, dropping those that ended; the first
/// comment covering a finding is then the heap's top (or the first file-wide one, if earlier).
/// </remarks>
internal sealed class SuppressionMatcher(IReadOnlyList<SuppressionComment> comments, IReadOnlyList<TextSpan?> targets)
{
    /// <summary>The suppressing entry of each of <paramref name="diagnostics"/>, in their order; null where none suppresses it.</summary>
    public SuppressedId?[] Match(IReadOnlyList<Diagnostic> diagnostics)
    {
        var result = new SuppressedId?[diagnostics.Count];
        var byRule = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < diagnostics.Count; i++)
        {
            // Input mtalint cannot read is never hidden.
            if (diagnostics[i].RuleId != Linter.SyntaxErrorId)
            {
                (byRule.TryGetValue(diagnostics[i].RuleId, out var list) ? list : byRule[diagnostics[i].RuleId] = []).Add(i);
            }
        }

        foreach (var (rule, indices) in byRule)
        {
            MatchRule(rule, indices, diagnostics, result);
        }

        return result;
    }

    private void MatchRule(string rule, List<int> indices, IReadOnlyList<Diagnostic> diagnostics, SuppressedId?[] result)
    {
        var fileWide = int.MaxValue;
        var covering = new List<(int Start, int End, int Comment)>();
        for (var c = 0; c < comments.Count; c++)
        {
            if (Entry(c, rule) is null)
            {
                continue;
            }

            if (comments[c].Scope == SuppressionScope.File)
            {
                fileWide = Math.Min(fileWide, c);
            }
            else if (targets[c] is { } target)
            {
                covering.Add((target.Start, Math.Max(target.End, target.Start + 1), c));
            }
        }

        if (fileWide == int.MaxValue && covering.Count == 0)
        {
            return;
        }

        covering.Sort((a, b) => a.Start.CompareTo(b.Start));
        var located = indices.Where(i => diagnostics[i].Finding.Location is not null)
            .OrderBy(i => diagnostics[i].Finding.Location!.Span.Start).ToList();
        var begun = new PriorityQueue<(int Comment, int End), int>(); // by comment order
        var next = 0;
        foreach (var i in located)
        {
            var at = diagnostics[i].Finding.Location!.Span.Start;
            for (; next < covering.Count && covering[next].Start <= at; next++)
            {
                begun.Enqueue((covering[next].Comment, covering[next].End), covering[next].Comment);
            }

            while (begun.TryPeek(out var top, out _) && top.End <= at)
            {
                begun.Dequeue(); // ended before this finding, so before every later one too
            }

            var first = begun.TryPeek(out var open, out _) ? Math.Min(open.Comment, fileWide) : fileWide;
            result[i] = first == int.MaxValue ? null : Entry(first, rule);
        }

        if (fileWide != int.MaxValue)
        {
            foreach (var i in indices.Where(i => diagnostics[i].Finding.Location is null))
            {
                result[i] = Entry(fileWide, rule);
            }
        }
    }

    // Asked for every comment and every rule with findings: a loop, not a closure per call.
    private SuppressedId? Entry(int comment, string rule)
    {
        var ids = comments[comment].Ids;
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i].Id == rule)
            {
                return ids[i];
            }
        }

        return null;
    }
}

using System.Text;
using MtaLint.Rules;

namespace MtaLint.Reporting;

/// <summary>
/// Finds, in the strings of a report, the text that repeats a file outside the linted tree, and
/// masks it. A finding inside the tree can still quote such a file: a macro defined in an included
/// file and used in the banner reaches the message and the "clients see" note as its value. Where
/// each char of a message came from is not known once a rule has built it, so the mask works on
/// the text: every run of <see cref="Run"/> chars that occurs in an outside file is covered, except
/// the runs mtalint itself writes (they occur in its rule documentation), and each covered stretch
/// becomes <see cref="Placeholder"/>.
/// </summary>
/// <remarks>
/// Masking too much is the safe way to err: a word of the tree's own text that the outside file
/// happens to hold is masked too. What can pass is a piece shorter than <see cref="Run"/> chars, and
/// a piece made only of runs the rule documentation holds. The work is linear: the report's runs go
/// into a set, each outside file is read once against it, and only units that read a file outside
/// the tree pay for it.
/// </remarks>
public sealed class OutsideTextMask
{
    /// <summary>The shortest stretch of an outside file that is masked.</summary>
    public const int Run = 4;

    public const string Placeholder = "[withheld]";

    private static readonly Lazy<string> OwnWords = new(() => string.Join('\n', RuleDocs.ById.Values.Select(d => d.Markdown)));

    private readonly IReadOnlyList<string> _outside;

    // Each run looked up so far, and whether it leaks. Runs are decided in batches: one read of the
    // outside files per batch, however many strings it serves.
    private readonly Dictionary<string, bool> _decided = new(StringComparer.Ordinal);

    /// <param name="outsideTexts">The texts of the files outside the tree that the unit read.</param>
    public OutsideTextMask(IEnumerable<string> outsideTexts) => _outside = outsideTexts.ToArray();

    /// <summary>Decides every run of <paramref name="strings"/> at once (one read of the outside files for all of them).</summary>
    public void Prepare(IEnumerable<string> strings)
    {
        var runs = new HashSet<string>(StringComparer.Ordinal);
        var decided = _decided.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var s in strings)
        {
            for (var i = 0; i + Run <= s.Length; i++)
            {
                if (!decided.ContainsKey(s.AsSpan(i, Run)))
                {
                    runs.Add(s.Substring(i, Run));
                }
            }
        }

        if (runs.Count == 0)
        {
            return;
        }

        var leaking = new HashSet<string>(StringComparer.Ordinal);
        var wanted = runs.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var text in _outside)
        {
            for (var i = 0; i + Run <= text.Length && leaking.Count < runs.Count; i++)
            {
                if (wanted.TryGetValue(text.AsSpan(i, Run), out var run))
                {
                    leaking.Add(run);
                }
            }
        }

        if (leaking.Count > 0)
        {
            var own = OwnWords.Value;
            var ownRun = leaking.GetAlternateLookup<ReadOnlySpan<char>>();
            for (var i = 0; i + Run <= own.Length && leaking.Count > 0; i++)
            {
                ownRun.Remove(own.AsSpan(i, Run));
            }
        }

        foreach (var run in runs)
        {
            _decided[run] = leaking.Contains(run);
        }
    }

    /// <summary>
    /// <paramref name="text"/> with each stretch that repeats an outside file replaced by
    /// <see cref="Placeholder"/>. A stretch grows to the whole words it touches (a token's tail that
    /// happens to be a run the rule docs hold goes with it), and keeps the blanks at its ends.
    /// </summary>
    public string Apply(string text)
    {
        if (text.Length < Run)
        {
            return text;
        }

        Prepare([text]);
        var lookup = _decided.GetAlternateLookup<ReadOnlySpan<char>>();
        bool[]? covered = null;
        for (var i = 0; i + Run <= text.Length; i++)
        {
            if (lookup[text.AsSpan(i, Run)])
            {
                covered ??= new bool[text.Length];
                Array.Fill(covered, true, i, Run);
            }
        }

        if (covered is null)
        {
            return text;
        }

        for (var start = 0; start < text.Length;)
        {
            var end = start;
            while (end < text.Length && IsWordChar(text[end]))
            {
                end++;
            }

            if (end > start && Array.IndexOf(covered, true, start, end - start) >= 0)
            {
                Array.Fill(covered, true, start, end - start);
            }

            start = Math.Max(end, start + 1);
        }

        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length;)
        {
            if (!covered[i])
            {
                sb.Append(text[i++]);
                continue;
            }

            var end = i;
            while (end < text.Length && covered[end])
            {
                end++;
            }

            // Blanks at either end say nothing: "220 [withheld]" reads better than "220[withheld]".
            var from = i;
            var to = end;
            while (from < to && char.IsWhiteSpace(text[from]))
            {
                from++;
            }

            while (to > from && char.IsWhiteSpace(text[to - 1]))
            {
                to--;
            }

            sb.Append(text, i, from - i);
            if (to > from)
            {
                sb.Append(Placeholder);
            }

            sb.Append(text, to, end - to);
            i = end;
        }

        return sb.ToString();
    }

    private static bool IsWordChar(char c) => !char.IsWhiteSpace(c) && c is not ('"' or '\'' or '(' or ')' or '[' or ']' or '{' or '}' or '<' or '>' or ',' or ';');

    /// <summary>Whether <paramref name="text"/> repeats an outside file anywhere.</summary>
    public bool Leaks(string text) => Apply(text) != text;
}

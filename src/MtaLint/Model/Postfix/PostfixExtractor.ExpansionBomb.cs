using MtaLint.Text;

namespace MtaLint.Model.Postfix;

// The error for a configuration whose $references expand past the expansion budget: where to report it and how its chain grows.
internal sealed partial class PostfixExtractor
{
    /// <summary>
    /// The expansion budget ran out while <paramref name="chain"/> (outermost first) was being
    /// expanded: reported at the first of them written in main.cf (else in master.cf), with the
    /// chain and, when each value uses the next more than once, the factor it grows by per level.
    /// </summary>
    private SyntaxError ExpansionBombError(IReadOnlyList<string> chain)
    {
        SourceSpan? at = null;
        string? name = null;
        foreach (var n in chain)
        {
            if (_mainEffective.TryGetValue(n, out var a) && _main is not null)
            {
                (at, name) = (_main.File.Span(a.NameSpan.Start, a.NameSpan.Length), n);
                break;
            }

            if (_master is not null && _overriddenBy.TryGetValue(n, out var entries) && _overrides[entries[0]].TryGetValue(n, out var o))
            {
                (at, name) = (_master.File.Span(o.NameSpan.Start, o.NameSpan.Length), n);
                break;
            }
        }

        var file = _main?.File ?? _master!.File;
        at ??= file.Span(0, 0);
        var shown = chain.Count <= 6 ? chain : [.. chain.Take(3), "…", .. chain.TakeLast(2)];
        var path = chain.Count < 2 ? string.Empty
            : ": " + string.Join(" → ", shown.Select((n, i) => i == 0 || n == "…" ? n : "$" + n)) + GrowthNote(chain);
        return new SyntaxError(at,
            $"{name ?? "this configuration"}: its $references expand past {_budget.Limit:N0} characters, mtalint's budget for this configuration"
            + $" (1 MiB and {PostfixExpansionBudget.CharsPerInputChar} per character of its files){path}; Postfix expands a value in full wherever it is used,"
            + " so postconf and the daemons would not finish, or would run out of memory");
    }

    /// <summary>
    /// ", and from $a0 on each uses the next 2 times, so the text doubles at each level" when the
    /// chain ends in values that each use the next more than once (at least two such links); else empty.
    /// </summary>
    private string GrowthNote(IReadOnlyList<string> chain)
    {
        var least = int.MaxValue;
        var from = chain.Count - 1;
        var names = new List<(string Name, int NameStart)>();
        while (from > 0)
        {
            names.Clear();
            _parsed.AddReferencedNames(_mainScope.Parameters.RawText(chain[from - 1]) ?? TextSlice.Empty, names);
            var uses = names.Count(r => r.Name == chain[from]);
            if (uses < 2)
            {
                break;
            }

            least = Math.Min(least, uses);
            from--;
        }

        return chain.Count - 1 - from >= 2
            ? $", and from ${chain[from]} on each uses the next at least {least} times, so the text {(least == 2 ? "doubles" : $"grows {least}-fold")} at each level"
            : string.Empty;
    }
}

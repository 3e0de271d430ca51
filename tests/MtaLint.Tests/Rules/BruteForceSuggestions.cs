namespace MtaLint.Tests.Rules;

/// <summary>
/// The oracle for "did you mean": the algorithm mtalint used before the trie, kept verbatim.
/// Every known name is compared with the misspelt one; linear per name, so quadratic per config.
/// </summary>
internal static class BruteForceSuggestions
{
    /// <summary>The closest known names within a typo's reach of <paramref name="name"/>, best first (ties by name).</summary>
    public static IReadOnlyList<string> For(string name, IEnumerable<string> known)
    {
        var limit = name.Length <= 4 ? 1 : name.Length <= 12 ? 2 : 3;
        var scored = known
            .Where(k => !string.Equals(k, name, StringComparison.Ordinal) && Math.Abs(k.Length - name.Length) <= limit)
            .Select(k => (Name: k, Distance: Distance(name, k)))
            .Where(x => x.Distance <= limit)
            .ToList();
        if (scored.Count == 0)
        {
            return [];
        }

        var best = scored.Min(x => x.Distance);
        return scored.Where(x => x.Distance == best).Select(x => x.Name).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// Optimal string alignment distance (Levenshtein plus swaps of neighbours), case-insensitive:
    /// <c>smtpd_tls_securtiy_level</c> is one edit from <c>smtpd_tls_security_level</c>.
    /// </summary>
    public static int Distance(string a, string b)
    {
        var width = b.Length + 1;
        Span<int> rows = width * 3 <= 768 ? stackalloc int[width * 3] : new int[width * 3];
        var twoBack = rows[..width];
        var previous = rows.Slice(width, width);
        var current = rows.Slice(width * 2, width);
        for (var j = 0; j < width; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var ai = char.ToLowerInvariant(a[i - 1]);
            for (var j = 1; j <= b.Length; j++)
            {
                var bj = char.ToLowerInvariant(b[j - 1]);
                var cost = ai == bj ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && ai == char.ToLowerInvariant(b[j - 2]) && char.ToLowerInvariant(a[i - 2]) == bj)
                {
                    value = Math.Min(value, twoBack[j - 2] + 1);
                }

                current[j] = value;
            }

            var recycled = twoBack;
            twoBack = previous;
            previous = current;
            current = recycled;
        }

        return previous[b.Length];
    }
}

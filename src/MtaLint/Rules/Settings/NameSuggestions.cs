namespace MtaLint.Rules.Settings;

/// <summary>"Did you mean": the known names closest to a misspelt one.</summary>
internal static class NameSuggestions
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
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}

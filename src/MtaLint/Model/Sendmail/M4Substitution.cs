using System.Text;

namespace MtaLint.Model.Sendmail;

/// <summary>m4's argument substitution in a macro's body, which depends on nothing but the body and the call.</summary>
internal static class M4Substitution
{
    /// <summary>
    /// What a call of macro <paramref name="name"/> with <paramref name="args"/> expands to before m4 rescans it:
    /// <c>$0</c> the name, <c>$1</c>, <c>$2</c>... the arguments (every digit counts, as in GNU m4: <c>$10</c> is the tenth; empty past the last), <c>$#</c> their count, <c>$*</c> them
    /// joined by commas and <c>$@</c> the same, each quoted; any other <c>$</c> stays.
    /// </summary>
    public static string Apply(string body, string name, IReadOnlyList<string> args)
    {
        if (!body.Contains('$'))
        {
            return body;
        }

        var output = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c != '$' || i + 1 >= body.Length)
            {
                output.Append(c);
                continue;
            }

            var next = body[i + 1];
            if (char.IsAsciiDigit(next))
            {
                // GNU m4 reads every digit: $10 is the tenth argument, not $1 and a 0.
                var end = i + 1;
                while (end < body.Length && char.IsAsciiDigit(body[end]))
                {
                    end++;
                }

                var n = int.TryParse(body.AsSpan(i + 1, end - i - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : int.MaxValue;
                output.Append(n == 0 ? name : n <= args.Count ? args[n - 1] : string.Empty);
                i = end - 1;
            }
            else if (next == '#')
            {
                output.Append(args.Count);
                i++;
            }
            else if (next is '*' or '@')
            {
                output.Append(string.Join(",", args.Select(a => next == '@' ? "`" + a + "'" : a)));
                i++;
            }
            else
            {
                output.Append(c);
            }
        }

        return output.ToString();
    }
}

using System.Text;

namespace MtaLint.Model.Exim;

/// <summary>
/// How Exim combines the settings of an option it lets a driver set more than once: the options flagged
/// <c>opt_rep_str</c> or <c>opt_rep_con</c> in route.c and transport.c (readconf.c, readconf_handle_option).
/// Every other option stops Exim when set a second time. Which options these are, and how each joins, is
/// what <c>scripts/gen-exim-driver-options.sh</c> saw <c>exim -bP</c> show after <c>NAME = FIRST</c> and
/// <c>NAME = SECOND</c>.
/// </summary>
internal abstract record EximOptionJoin
{
    private const string First = "FIRST";
    private const string Second = "SECOND";

    /// <summary>
    /// The value Exim keeps once <paramref name="value"/> (as read: a quoted value unquoted) is set on top
    /// of <paramref name="earlier"/> (null: not set before).
    /// </summary>
    public abstract string? Add(string? earlier, string value);

    /// <summary>The join that gives <paramref name="shown"/>, what <c>exim -bP</c> printed for FIRST then SECOND.</summary>
    public static EximOptionJoin FromSample(string shown)
    {
        var first = shown.IndexOf(First, StringComparison.Ordinal);
        var second = first < 0 ? -1 : shown.IndexOf(Second, first + First.Length, StringComparison.Ordinal);
        if (second < 0)
        {
            throw new FormatException($"a join sample names {First} and {Second} in that order: {shown}");
        }

        var before = shown[..first];
        var between = Unprint(shown[(first + First.Length)..second]);
        var after = shown[(second + Second.Length)..];
        return before.Length == 0 && after.Length == 0 && between.Length == 1
            ? new EximListJoin(between[0])
            : new EximWrapJoin(before, between, after);
    }

    /// <summary>Undoes the escapes <c>-bP</c> prints control characters with (string_printing2).</summary>
    private static string Unprint(string printed) => printed
        .Replace("\\n", "\n", StringComparison.Ordinal)
        .Replace("\\t", "\t", StringComparison.Ordinal)
        .Replace("\\r", "\r", StringComparison.Ordinal);
}

/// <summary>
/// A list option (<c>opt_rep_str</c>: <c>headers_add</c> joined with newlines, <c>headers_remove</c> with
/// <c>:</c>, a router's <c>set</c> with <c>;</c>): every setting, the first too, is read as an Exim list
/// with <see cref="Separator"/> as its default separator (<c>&lt;;</c> may change it), and each item is
/// appended to the list so far with <see cref="Separator"/>, a separator inside an item doubled.
/// </summary>
internal sealed record EximListJoin(char Separator) : EximOptionJoin
{
    public override string? Add(string? earlier, string value)
    {
        // string_append_listele: a separator goes before an item only when the list so far is not empty.
        var list = earlier is null ? null : new StringBuilder(earlier);
        foreach (var item in Items(value))
        {
            list ??= new StringBuilder();
            if (list.Length > 0)
            {
                list.Append(Separator);
            }

            list.Append(item.Replace(Separator.ToString(), new string(Separator, 2), StringComparison.Ordinal));
        }

        return list?.ToString();
    }

    /// <summary>The items of <paramref name="list"/> as string_nextinlist reads them (string.c, with no buffer).</summary>
    private IEnumerable<string> Items(string list)
    {
        var s = 0;
        var separator = Separator;
        SkipSpace(list, ref s, separator);
        if (s + 1 < list.Length && list[s] == '<' && (IsPunct(list[s + 1]) || char.IsControl(list[s + 1])))
        {
            separator = list[s + 1];
            s += 2;
        }

        var special = char.IsControl(separator);
        while (true)
        {
            SkipSpace(list, ref s, separator);
            if (s >= list.Length)
            {
                yield break;
            }

            if (list[s] == separator)
            {
                s++;
                if (s >= list.Length || list[s] != separator || special)
                {
                    yield return string.Empty;
                    continue;
                }
            }

            // The item runs to the next single separator; a doubled one is a separator in the data.
            var item = new StringBuilder();
            while (true)
            {
                var end = list.IndexOf(separator, s + 1);
                end = end < 0 ? list.Length : end;
                item.Append(list, s, end - s);
                s = end;
                if (s >= list.Length || ++s >= list.Length || list[s] != separator || special)
                {
                    break;
                }
            }

            // Trailing blanks go, but not one escaped by a backslash.
            var length = item.Length;
            while (length > 0 && IsSpace(item[length - 1]) && (length == 1 || item[length - 2] != '\\'))
            {
                length--;
            }

            yield return item.ToString(0, length);
        }
    }

    private static void SkipSpace(string list, ref int s, char separator)
    {
        while (s < list.Length && IsSpace(list[s]) && list[s] != separator)
        {
            s++;
        }
    }

    /// <summary>C's ispunct: printable ASCII that is neither a letter, a digit nor a blank.</summary>
    private static bool IsPunct(char c) => c is > ' ' and < (char)127 && !char.IsAsciiLetterOrDigit(c);

    /// <summary>C's isspace.</summary>
    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';
}

/// <summary>
/// A router's <c>condition</c> (<c>opt_rep_con</c>): the first setting is kept as written, and each later one
/// is wrapped with all before it, <c>${if and{{bool_lax{EARLIER}}{bool_lax{LATER}}}}</c>.
/// </summary>
internal sealed record EximWrapJoin(string Before, string Between, string After) : EximOptionJoin
{
    public override string? Add(string? earlier, string value) => earlier is null ? value : Before + earlier + Between + value + After;
}

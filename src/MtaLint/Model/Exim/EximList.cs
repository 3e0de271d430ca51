using MtaLint.Syntax.Exim;

namespace MtaLint.Model.Exim;

/// <summary>Exim's list syntax, as in <c>local_interfaces</c>, <c>daemon_smtp_ports</c> and host lists.</summary>
internal static class EximList
{
    /// <summary>Items of an Exim list: colon separated (<c>::</c> is a colon in an item), or another separator after <c>&lt;</c>.</summary>
    public static IEnumerable<string> Split(string list)
    {
        list = list.Trim();
        var separator = ':';
        if (list.Length >= 2 && list[0] == '<' && !char.IsAsciiLetterOrDigit(list[1]) && !MappedText.IsSpace(list[1]))
        {
            separator = list[1];
            list = list[2..];
        }

        var items = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < list.Length; i++)
        {
            if (list[i] == separator)
            {
                if (i + 1 < list.Length && list[i + 1] == separator)
                {
                    current.Append(separator);
                    i++;
                    continue;
                }

                items.Add(current.ToString().Trim());
                current.Clear();
                continue;
            }

            current.Append(list[i]);
        }

        items.Add(current.ToString().Trim());
        return items.Where(i => i.Length > 0);
    }
}

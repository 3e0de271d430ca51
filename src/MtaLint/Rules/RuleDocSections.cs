namespace MtaLint.Rules;

/// <summary>Reads the sections of a rule doc (<c>## What it checks</c>, <c>## Why</c>...) as plain paragraphs.</summary>
internal static class RuleDocSections
{
    /// <summary>The text under <c>## <paramref name="heading"/></c> up to the next <c>##</c> heading, trimmed; empty when absent.</summary>
    public static string Section(RuleMetadata rule, string heading)
    {
        var lines = rule.Markdown.Replace("\r\n", "\n").Split('\n');
        var collected = new List<string>();
        var inside = false;
        var inFence = false;
        foreach (var line in lines)
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }

            if (!inFence && line.StartsWith("## ", StringComparison.Ordinal))
            {
                if (inside)
                {
                    break;
                }

                inside = string.Equals(line[3..].Trim(), heading, StringComparison.OrdinalIgnoreCase);
                continue;
            }

            if (inside)
            {
                collected.Add(line);
            }
        }

        return string.Join('\n', collected).Trim();
    }

    /// <summary>The doc without its front matter: what <c>mtalint explain</c> prints and SARIF's <c>help.markdown</c> carries.</summary>
    public static string Body(RuleMetadata rule)
    {
        var text = rule.Markdown.Replace("\r\n", "\n");
        if (!text.StartsWith("---", StringComparison.Ordinal))
        {
            return text.Trim();
        }

        var close = text.IndexOf("\n---", 3, StringComparison.Ordinal);
        if (close < 0)
        {
            return text.Trim();
        }

        var afterFence = text.IndexOf('\n', close + 4);
        return afterFence < 0 ? string.Empty : text[(afterFence + 1)..].Trim();
    }
}

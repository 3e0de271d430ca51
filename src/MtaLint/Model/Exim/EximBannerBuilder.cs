using System.Globalization;
using MtaLint.Syntax.Exim;

namespace MtaLint.Model.Exim;

/// <summary>What Exim's variables in a banner show, for rendering it as clients see it.</summary>
/// <param name="Hostname">What <c>$smtp_active_hostname</c> / <c>$primary_hostname</c> show.</param>
/// <param name="Version">What <c>$version_number</c> shows (<c>4.96</c>).</param>
/// <param name="Now">The time the <c>$tod_*</c> variables show.</param>
internal sealed record EximRenderContext(string Hostname, string Version, DateTimeOffset Now);

/// <summary>Splits <c>smtp_banner</c> into banner parts: host name, product, version, time, literal and run-time text.</summary>
internal static class EximBannerBuilder
{
    public const string RecommendedRaw = "$smtp_active_hostname ESMTP";

    private static readonly HashSet<string> HostnameVariables = ["smtp_active_hostname", "primary_hostname"];

    private static readonly HashSet<string> VersionVariables = ["version_number", "exim_version", "compile_number", "compile_date"];

    public static Banner Build(ConfigValue setting, MappedText value, EximRenderContext context, IReadOnlyDictionary<EximMacroDefinition, int>? macroUses = null)
    {
        // A quoted value has its escapes read when the option is read; the expansion then sees the
        // same escapes again, so splitting the text between the quotes gives the same pieces.
        var inner = value;
        if (value.Length >= 2 && value.Text[0] == '"' && value.Text[^1] == '"')
        {
            inner = value.Slice(1, value.Length - 2);
        }

        var parts = new List<BannerPart>();
        foreach (var node in EximExpansion.Split(inner.Text))
        {
            switch (node)
            {
                case ExpansionLiteral literal:
                    AddLiteral(parts, inner, literal, macroUses);
                    break;
                case ExpansionEscape escape:
                    parts.Add(Part(inner, escape, escape.Value, BannerPartKind.Literal, macroUses));
                    break;
                case ExpansionVariable variable:
                    var (kind, rendered) = Classify(variable.Name, context);
                    parts.Add(Part(inner, variable, rendered ?? variable.Text, kind, macroUses));
                    break;
                case ExpansionItem item:
                    var itemKind = item.Variables.Any(v => VersionVariables.Contains(v)) ? BannerPartKind.Version
                        : item.Variables.Any(v => v.StartsWith("tod_", StringComparison.Ordinal)) ? BannerPartKind.Timestamp
                        : BannerPartKind.Dynamic;
                    parts.Add(Part(inner, item, item.Text, itemKind, macroUses));
                    break;
            }
        }

        return new Banner(setting, parts, RecommendedRaw);
    }

    private static (BannerPartKind Kind, string? Rendered) Classify(string name, EximRenderContext context)
    {
        if (HostnameVariables.Contains(name))
        {
            return (BannerPartKind.Hostname, context.Hostname);
        }

        if (VersionVariables.Contains(name))
        {
            return (BannerPartKind.Version, name switch
            {
                "version_number" or "exim_version" => context.Version,
                _ => null,
            });
        }

        if (name.StartsWith("tod_", StringComparison.Ordinal))
        {
            return (BannerPartKind.Timestamp, FormatTime(name, context.Now));
        }

        return (BannerPartKind.Dynamic, null);
    }

    /// <summary>The <c>$tod_*</c> formats of Exim (tod.c).</summary>
    public static string FormatTime(string variable, DateTimeOffset now)
    {
        var c = CultureInfo.InvariantCulture;
        var zone = now.ToString("zzz", c).Replace(":", string.Empty);
        return variable switch
        {
            "tod_bsdinbox" => now.ToString("ddd MMM dd HH:mm:ss yyyy", c),
            "tod_epoch" => now.ToUnixTimeSeconds().ToString(c),
            "tod_epoch_l" => (now.ToUnixTimeMilliseconds() * 1000).ToString(c),
            "tod_log" => now.ToString("yyyy-MM-dd HH:mm:ss", c),
            "tod_logfile" => now.ToString("yyyyMMdd", c),
            "tod_zone" => zone,
            "tod_zulu" => now.UtcDateTime.ToString("yyyyMMddHHmmss", c) + "Z",
            _ => now.ToString("ddd, dd MMM yyyy HH:mm:ss ", c) + zone,
        };
    }

    private static BannerPart Part(MappedText text, ExpansionNode node, string rendered, BannerPartKind kind, IReadOnlyDictionary<EximMacroDefinition, int>? macroUses)
    {
        var use = text.OriginAt(node.Start).MacroUse;
        // Text from a macro used only here points into the macro's definition (where a fix can
        // change it without touching other uses); from a shared macro, at the use.
        var span = use?.Definition is { } definition && macroUses?.GetValueOrDefault(definition) == 1
            ? text.OriginSpan(node.Start, node.Length) ?? text.DisplaySpan(node.Start, node.Length)
            : text.DisplaySpan(node.Start, node.Length);
        return new BannerPart(node.Text, rendered, kind, span, use?.Name);
    }

    /// <summary>Literal text, with the word <c>Exim</c> as a product part so that a fix can drop just it.</summary>
    private static void AddLiteral(List<BannerPart> parts, MappedText text, ExpansionLiteral literal, IReadOnlyDictionary<EximMacroDefinition, int>? macroUses)
    {
        var s = literal.Text;
        var pending = 0;
        var i = 0;
        while (i < s.Length)
        {
            if (MappedText.IsSpace(s[i]))
            {
                i++;
                continue;
            }

            var j = i;
            while (j < s.Length && !MappedText.IsSpace(s[j]))
            {
                j++;
            }

            if (string.Equals(s[i..j], "Exim", StringComparison.OrdinalIgnoreCase))
            {
                Flush(pending, i);
                parts.Add(Part(text, new ExpansionLiteral(literal.Start + i, j - i, s[i..j]), s[i..j], BannerPartKind.Product, macroUses));
                pending = j;
            }

            i = j;
        }

        Flush(pending, s.Length);

        void Flush(int from, int to)
        {
            if (to > from)
            {
                parts.Add(Part(text, new ExpansionLiteral(literal.Start + from, to - from, s[from..to]), s[from..to], BannerPartKind.Literal, macroUses));
            }
        }
    }
}

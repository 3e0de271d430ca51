using System.Text;
using System.Text.RegularExpressions;
using MtaLint.Text;

namespace MtaLint.Syntax.Exim;

/// <summary>
/// What Debian's <c>update-exim4.conf</c> (exim4-config <see cref="PackageVersion"/>) makes of
/// <c>update-exim4.conf.conf</c>: which input it builds the config from (<c>dc_use_split_config</c>),
/// and the macros it puts after the line <c>UPEX4CmacrosUPEX4C = 1</c> (<c>MAIN_LOCAL_INTERFACES</c>
/// from <c>dc_local_interfaces</c>, <c>MAIN_RELAY_NETS</c>, <c>MAIN_LOCAL_DOMAINS</c>, <c>DCconfig_*</c>...,
/// each in <c>.ifndef</c>, and one for every line of the file that starts with a capital letter).
/// Values go through the script's own steps, quirks included: <c>echo</c> (which, in Debian's
/// <c>/bin/sh</c>, reads backslash escapes), lower case, its character filter, the <c>&lt;;</c> list
/// separator for values with <c>;</c>, and sed's replacement syntax.
/// </summary>
internal sealed class UpdateEximConf
{
    /// <summary>The exim4-config release whose update-exim4.conf this follows (it is written into <c>MAIN_PACKAGE_VERSION</c>).</summary>
    public const string PackageVersion = "4.96-15+deb12u11";

    /// <summary>The name Debian gives the file.</summary>
    public const string FileName = "update-exim4.conf.conf";

    /// <summary>The line after which the macros go (update-exim4.conf's sed matches it at the start of a line).</summary>
    public const string MacroLine = "UPEX4CmacrosUPEX4C";

    private UpdateEximConf(ShellAssignments variables, string splitConfig, string configType, SourceFile? macros)
    {
        Variables = variables;
        SplitConfig = splitConfig;
        ConfigType = configType;
        Macros = macros;
    }

    public ShellAssignments Variables { get; }

    /// <summary>
    /// <c>dc_use_split_config</c> as the script compares it: <c>true</c> builds the config from <c>conf.d/</c>,
    /// <c>false</c> (also when unset) from <c>exim4.conf.template</c>; anything else stops update-exim4.conf.
    /// </summary>
    public string SplitConfig { get; }

    public bool UseSplitConfig => SplitConfig == "true";

    /// <summary><c>dc_eximconfig_configtype</c> as the script compares it (lower case).</summary>
    public string ConfigType { get; }

    /// <summary>
    /// The macro definitions update-exim4.conf writes after <see cref="MacroLine"/>; null when it writes
    /// none (config type <c>none</c> or one it does not know: the config is used as it is).
    /// </summary>
    public SourceFile? Macros { get; }

    /// <param name="hostname">What <c>hostname --fqdn</c> says, for <c>dc_minimaldns</c>.</param>
    /// <param name="mailname">The text of <c>/etc/mailname</c>; null when there is none.</param>
    public static UpdateEximConf Read(SourceFile file, string hostname, string? mailname)
    {
        var variables = ShellAssignments.Parse(file);
        string Var(string name) => variables[name] ?? string.Empty;

        var split = Var("dc_use_split_config") is { Length: > 0 } s ? Lowercase(Words(s)) : "false";
        var localdelivery = Var("dc_localdelivery") is { Length: > 0 } d ? d : "mail_spool";
        var mailnameValue = CheckAscii(AsciiLower(FirstMailname(mailname)));
        var otherHostnames = CheckAscii(Lowercase(Words(Var("dc_other_hostnames"))));
        var localDomains = Regex.Replace(Echo("@:localhost:" + otherHostnames), "[;: ]*$", string.Empty).Replace(';', ':');

        // Values with a ';' are lists with ';' as their separator (Exim's "<;" prefix), unless they name one.
        string Semicolons(string name)
        {
            var value = Var(name);
            if (!Echo(string.Join(' ', Words(value))).Contains(';', StringComparison.Ordinal))
            {
                return value;
            }

            return Echo(string.Join(' ', Words(value))).Split('\n').Any(l => l.StartsWith('<')) ? value : "<; " + value;
        }

        var localInterfaces = Semicolons("dc_local_interfaces");
        var relayNets = CheckAscii(Lowercase(Words(Semicolons("dc_relay_nets"))));
        var relayDomains = Semicolons("dc_relay_domains");
        relayNets += Echo(relayNets).Split('\n').Any(l => l.StartsWith("<;", StringComparison.Ordinal)) ? " ; 127.0.0.1 ; ::1" : " : 127.0.0.1 : ::::1";
        var smarthost = CheckAscii(Lowercase(Words(Var("dc_smarthost")))).Replace(';', ':');
        var configType = CheckAscii(Lowercase(Words(Var("dc_eximconfig_configtype"))));
        var hideMailname = CheckAscii(Lowercase(Words(Var("dc_hide_mailname"))));
        var readhost = CheckAscii(Lowercase(Words(Var("dc_readhost"))));

        if (configType is not ("satellite" or "smarthost" or "local" or "internet"))
        {
            return new UpdateEximConf(variables, split, configType, null);
        }

        var macros = new StringBuilder();
        void Seed(string name, string value) =>
            macros.Append(".ifndef ").Append(name).Append("\\n").Append(name).Append('=').Append(CheckAscii(Lowercase(Words(value)))).Append("\\n.endif\\n");

        if (localInterfaces.Length > 0)
        {
            Seed("MAIN_LOCAL_INTERFACES", localInterfaces);
        }

        if (Var("dc_minimaldns") == "true")
        {
            Seed("DC_minimaldns", "1");
            var fqdn = CheckAscii(AsciiLower(hostname));
            if (fqdn.Contains('.', StringComparison.Ordinal))
            {
                Seed("MAIN_HARDCODE_PRIMARY_HOSTNAME", fqdn);
            }
        }

        if (configType is "satellite" or "smarthost" && hideMailname == "true" && readhost.Length > 0)
        {
            Seed("HIDE_MAILNAME", "1");
        }

        Seed("MAIN_PACKAGE_VERSION", PackageVersion);
        Seed("MAIN_LOCAL_DOMAINS", localDomains);
        Seed("MAIN_RELAY_TO_DOMAINS", relayDomains);
        Seed("ETC_MAILNAME", mailnameValue);
        Seed("LOCAL_DELIVERY", localdelivery);
        Seed("MAIN_RELAY_NETS", relayNets);
        Seed("DCreadhost", readhost);
        Seed("DCsmarthost", smarthost);
        Seed("DC_eximconfig_configtype", configType);
        Seed("DCconfig_" + configType, "1");

        // Every line that starts with a capital letter (CFILEMODE= aside) becomes a macro too, as the
        // script's `read line` and `echo $line` give it: name up to the first '=', value after it.
        foreach (var line in CapitalLines(file.Text))
        {
            var echoed = Echo(string.Join(' ', Words(line)));
            var eq = echoed.IndexOf('=', StringComparison.Ordinal);
            var left = eq < 0 ? echoed : echoed[..eq];
            var right = eq < 0 ? echoed : echoed[(eq + 1)..];
            macros.Append(".ifndef ").Append(left).Append("\\n").Append(left).Append('=').Append(CheckAscii(Lowercase(Words(right)))).Append("\\n.endif\\n");
        }

        var text = "# macros update-exim4.conf makes from " + file.Path + "\n" + SedReplacement(macros.ToString(), MacroLine);
        return new UpdateEximConf(variables, split, configType, new SourceFile(file.Path + " (update-exim4.conf macros)", text));
    }

    /// <summary>The lines sed's <c>/^[[:upper:]]/p</c> keeps, <c>CFILEMODE=</c> dropped, as <c>read line</c> reads them (backslashes removed, a trailing one joining the next line, blanks trimmed).</summary>
    private static IEnumerable<string> CapitalLines(string text)
    {
        var kept = text.Replace("\r\n", "\n").Split('\n').Where(l => l.Length > 0 && char.IsAsciiLetterUpper(l[0]) && !l.StartsWith("CFILEMODE=", StringComparison.Ordinal)).ToList();
        var current = new StringBuilder();
        var pending = false;
        foreach (var line in kept)
        {
            for (var i = 0; i < line.Length; i++)
            {
                if (line[i] == '\\')
                {
                    if (i + 1 < line.Length)
                    {
                        current.Append(line[++i]);
                    }
                    else
                    {
                        pending = true; // backslash-newline: the next line continues this one
                    }

                    continue;
                }

                current.Append(line[i]);
            }

            if (pending)
            {
                pending = false;
                continue;
            }

            yield return current.ToString().Trim(' ', '\t');
            current.Clear();
        }

        if (current.Length > 0)
        {
            yield return current.ToString().Trim(' ', '\t');
        }
    }

    /// <summary>The first word of <c>/etc/mailname</c> as the script's sed takes it (the first run of letters, digits, '-', '@', '.', and what precedes it).</summary>
    private static string FirstMailname(string? mailname)
    {
        if (mailname is null)
        {
            return string.Empty;
        }

        var first = mailname.Split('\n')[0];
        var match = Regex.Match(first, "[-A-Za-z0-9@.]+");
        return match.Success ? first[..(match.Index + match.Length)] : first;
    }

    /// <summary>Fields of an unquoted <c>$var</c>: split at blanks, tabs and line breaks (no globbing: the script runs with <c>set -f</c>).</summary>
    private static string[] Words(string value) => value.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The script's <c>lowercase</c>: <c>echo "$*" | tr 'A-Z' 'a-z'</c>.</summary>
    private static string Lowercase(string[] words) => AsciiLower(Echo(string.Join(' ', words)));

    private static string AsciiLower(string text) => string.Create(text.Length, text, (span, t) =>
    {
        for (var i = 0; i < t.Length; i++)
        {
            span[i] = char.IsAsciiLetterUpper(t[i]) ? (char)(t[i] + 32) : t[i];
        }
    });

    /// <summary>
    /// The script's <c>check_ascii_pipe</c>: <c>echo $IN | sed 's/[^...]]/_/g'</c>, then <c>echo $OUT</c>.
    /// The bracket expression ends at its first <c>]</c>, so what sed replaces is a char outside the set
    /// followed by a <c>]</c> (both become one <c>_</c>): most chars pass untouched.
    /// </summary>
    private static string CheckAscii(string input)
    {
        var filtered = string.Join('\n', Echo(string.Join(' ', Words(input))).Split('\n').Select(l => FilterRegex.Replace(l, "_")));
        return Echo(string.Join(' ', Words(filtered)));
    }

    private static readonly Regex FilterRegex = new(@"[^-0-9A-Za-z\\/.!*@_~:;< \[]\]", RegexOptions.CultureInvariant);

    /// <summary>
    /// <c>echo ARGS</c> of dash, Debian's <c>/bin/sh</c>, inside <c>$(...)</c>: backslash escapes read
    /// (<c>\c</c> ends the output), trailing line breaks dropped.
    /// </summary>
    private static string Echo(string text)
    {
        var output = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 >= text.Length)
            {
                output.Append(text[i]);
                continue;
            }

            var c = text[++i];
            switch (c)
            {
                case 'a': output.Append('\a'); break;
                case 'b': output.Append('\b'); break;
                case 'c': return output.ToString().TrimEnd('\n');
                case 'f': output.Append('\f'); break;
                case 'n': output.Append('\n'); break;
                case 'r': output.Append('\r'); break;
                case 't': output.Append('\t'); break;
                case 'v': output.Append('\v'); break;
                case '\\': output.Append('\\'); break;
                case '0':
                    var value = 0;
                    var digits = 0;
                    while (digits < 3 && i + 1 < text.Length && text[i + 1] is >= '0' and <= '7')
                    {
                        value = (value * 8) + (text[++i] - '0');
                        digits++;
                    }

                    output.Append((char)(value & 0xFF));
                    break;
                default:
                    output.Append('\\').Append(c);
                    break;
            }
        }

        return output.ToString().TrimEnd('\n');
    }

    /// <summary>
    /// The macros as GNU sed writes them in <c>s|^\(LINE.*\)$|\1\n$MACROS|</c>: <c>\n</c> is a line break,
    /// <c>&amp;</c> and <c>\1</c> the matched line, <c>\x</c> is x.
    /// </summary>
    private static string SedReplacement(string macros, string line)
    {
        var output = new StringBuilder(macros.Length);
        for (var i = 0; i < macros.Length; i++)
        {
            var c = macros[i];
            if (c == '&')
            {
                output.Append(line);
            }
            else if (c == '\\' && i + 1 < macros.Length)
            {
                var next = macros[++i];
                output.Append(next switch
                {
                    'n' => "\n",
                    't' => "\t",
                    '1' => line,
                    _ => next.ToString(),
                });
            }
            else
            {
                output.Append(c);
            }
        }

        return output.ToString();
    }
}

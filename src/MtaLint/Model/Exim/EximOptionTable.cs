using MtaLint.Text;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MtaLint.Syntax.Exim;

namespace MtaLint.Model.Exim;

/// <summary>How Exim reads and prints an option's value (inferred from how <c>-bP</c> prints its default).</summary>
internal enum EximOptionType
{
    String,
    Bool,
    Time,
    Int,

    /// <summary>An octal number (<c>mode = 0600</c>): read in base 8, printed with a leading 0.</summary>
    Octal,
}

/// <summary>An option Exim knows, with its default as <c>exim -bP</c> prints it.</summary>
/// <param name="Join">How settings made again add up (<c>headers_remove</c>); null: Exim stops on a second one.</param>
internal sealed record EximOptionInfo(string Name, EximOptionType Type, string Default, EximOptionJoin? Join = null);

/// <summary>
/// Exim's main options and built-in macros, from files generated out of the real Exim
/// (<c>scripts/gen-exim-options.sh</c>) and embedded in the library.
/// </summary>
internal sealed partial class EximOptionTable
{
    private static readonly Lazy<EximOptionTable> Instance = new(Load);

    private EximOptionTable(IReadOnlyDictionary<string, EximOptionInfo> options, EximDriverOptions drivers, IReadOnlyList<KeyValuePair<string, string>> builtInMacros, string version)
    {
        Options = options;
        Drivers = drivers;
        Names = new NameSet(options.Keys);
        BuiltInMacros = builtInMacros;
        BuiltInMacroNames = EximMacroNames.Of(builtInMacros);
        Version = version;
    }

    public static EximOptionTable Current => Instance.Value;

    public IReadOnlyDictionary<string, EximOptionInfo> Options { get; }

    /// <summary>The options of routers, transports and authenticators.</summary>
    public EximDriverOptions Drivers { get; }

    /// <summary>The option names, for "did you mean", with their trie shared by every config.</summary>
    public NameSet Names { get; }

    public IReadOnlyList<KeyValuePair<string, string>> BuiltInMacros { get; }

    /// <summary>The built-ins' names, indexed once for every config the process reads.</summary>
    public EximMacroNames BuiltInMacroNames { get; }

    /// <summary>The Exim version the table was generated from (<c>4.96</c>): what <c>$version_number</c> shows.</summary>
    public string Version { get; }

    /// <summary>The option a name written in a config sets, and the boolean value a <c>no_</c>/<c>not_</c> prefix gives.</summary>
    public EximOptionInfo? Resolve(string written, out bool negated) => Resolve(Options, written, out negated);

    /// <summary>The option of <paramref name="options"/> a name written in a config sets, and the boolean value a <c>no_</c>/<c>not_</c> prefix gives.</summary>
    internal static EximOptionInfo? Resolve(IReadOnlyDictionary<string, EximOptionInfo> options, string written, out bool negated)
    {
        negated = false;
        if (options.TryGetValue(written, out var info))
        {
            return info;
        }

        foreach (var prefix in (string[])["no_", "not_"])
        {
            if (written.StartsWith(prefix, StringComparison.Ordinal) && options.TryGetValue(written[prefix.Length..], out info) && info.Type == EximOptionType.Bool)
            {
                negated = true;
                return info;
            }
        }

        return null;
    }

    /// <summary>The value as <c>exim -bP</c> prints it, from the value as written (after macro substitution); null when Exim would reject it.</summary>
    public static string? Normalize(EximOptionType type, string value)
    {
        switch (type)
        {
            case EximOptionType.Bool:
                return value.ToLowerInvariant() switch
                {
                    "true" or "yes" => "true",
                    "false" or "no" => "false",
                    _ => null,
                };
            case EximOptionType.Time:
                return ReadTime(value) is { } seconds ? PrintTime(seconds) : null;
            case EximOptionType.Int:
                return ReadInt(value) is { } number ? number.ToString(CultureInfo.InvariantCulture) : null;
            case EximOptionType.Octal:
                // readconf.c reads it with strtol base 8 and print_ol prints it with %#o.
                return OctalRegex().IsMatch(value) ? PrintOctal(Convert.ToInt64(value, 8)) : null;
            default:
                return PrintString(value);
        }
    }

    /// <summary>A string option's value: a value in double quotes has its escapes interpreted; <c>-bP</c> shows control chars escaped.</summary>
    public static string PrintString(string value)
    {
        if (value.Length == 0 || value[0] != '"')
        {
            return value;
        }

        var sb = new StringBuilder();
        foreach (var c in Dequote(value))
        {
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    private static string PrintOctal(long n) => n == 0 ? "0" : "0" + Convert.ToString(n, 8);

    /// <summary>
    /// A string as <c>exim -bP</c> prints it (string_printing2 with SP_TAB): control characters and DEL
    /// escaped, <c>\n</c>, <c>\t</c>... or three octal digits.
    /// </summary>
    public static string Printable(string value)
    {
        if (!value.Any(c => c < ' ' || c == (char)127))
        {
            return value;
        }

        var sb = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\b' => "\\b",
                '\v' => "\\v",
                '\f' => "\\f",
                '\t' => "\\t",
                < ' ' or (char)127 => "\\" + Convert.ToString((int)c, 8).PadLeft(3, '0'),
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    /// <summary>A value as Exim reads it from a config line: a quoted one unquoted with its escapes, else as written.</summary>
    public static string Read(string written) => written.Length > 0 && written[0] == '"' ? Dequote(written) : written;

    /// <summary>Exim's reading of a quoted option value: the text between the quotes with backslash escapes interpreted.</summary>
    public static string Dequote(string value)
    {
        var sb = new StringBuilder();
        for (var i = 1; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '"')
            {
                break;
            }

            if (c != '\\' || i + 1 >= value.Length)
            {
                sb.Append(c);
                continue;
            }

            i++;
            c = value[i];
            switch (c)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'v': sb.Append('\v'); break;
                case 'x':
                    var hex = 0;
                    var n = 0;
                    while (n < 2 && i + 1 < value.Length && char.IsAsciiHexDigit(value[i + 1]))
                    {
                        hex = hex * 16 + Convert.ToInt32(value[++i].ToString(), 16);
                        n++;
                    }

                    sb.Append((char)hex);
                    break;
                case >= '0' and <= '7':
                    var oct = c - '0';
                    for (var k = 0; k < 2 && i + 1 < value.Length && value[i + 1] is >= '0' and <= '7'; k++)
                    {
                        oct = oct * 8 + (value[++i] - '0');
                    }

                    sb.Append((char)oct);
                    break;
                default: sb.Append(c); break;
            }
        }

        return sb.ToString();
    }

    public static long? ReadTime(string value)
    {
        var m = TimeRegex().Match(value);
        if (!m.Success)
        {
            return null;
        }

        long total = 0;
        foreach (Match part in TimePartRegex().Matches(value))
        {
            var n = long.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            total += part.Groups[2].Value switch
            {
                "w" => n * 7 * 86400,
                "d" => n * 86400,
                "h" => n * 3600,
                "m" => n * 60,
                _ => n,
            };
        }

        return total;
    }

    public static string PrintTime(long seconds)
    {
        if (seconds == 0)
        {
            return "0s";
        }

        var sb = new StringBuilder();
        foreach (var (unit, size) in (ReadOnlySpan<(string, long)>)[("w", 7 * 86400), ("d", 86400), ("h", 3600), ("m", 60), ("s", 1)])
        {
            if (seconds >= size)
            {
                sb.Append(seconds / size).Append(unit);
                seconds %= size;
            }
        }

        return sb.ToString();
    }

    public static long? ReadInt(string value)
    {
        var m = IntRegex().Match(value);
        if (!m.Success)
        {
            return null;
        }

        var digits = m.Groups[1].Value;
        long n;
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            n = long.Parse(digits[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }
        else if (digits.Length > 1 && digits[0] == '0')
        {
            n = Convert.ToInt64(digits, 8);
        }
        else
        {
            n = long.Parse(digits, CultureInfo.InvariantCulture);
        }

        return m.Groups[2].Value.ToUpperInvariant() switch
        {
            "K" => n * 1024,
            "M" => n * 1024 * 1024,
            "G" => n * 1024 * 1024 * 1024,
            _ => n,
        };
    }

    private static EximOptionTable Load()
    {
        var options = new Dictionary<string, EximOptionInfo>(StringComparer.Ordinal);
        var version = "4.96";
        // Options of the heavy build are valid Exim too: a config using them is not mistyped.
        foreach (var line in ReadResource("exim/exim-main-options.txt").Concat(ReadResource("exim/exim-heavy-options.txt")))
        {
            if (line.StartsWith('#'))
            {
                if (VersionRegex().Match(line) is { Success: true } v)
                {
                    version = v.Groups[1].Value;
                }

                continue;
            }

            var info = ReadOption(line);
            options[info.Name] = info;
        }

        var macros = ReadResource("exim/exim-builtin-macros.txt")
            .Where(l => !l.StartsWith('#') && l.Contains('='))
            .Select(l => new KeyValuePair<string, string>(l[..l.IndexOf('=')], l[(l.IndexOf('=') + 1)..]))
            .ToArray();
        return new EximOptionTable(options, EximDriverOptions.Read(ReadResource("exim/exim-driver-options.txt")), macros, version);
    }

    /// <summary>
    /// An option from a line as <c>exim -bP</c> prints it (<c>name = value</c>, <c>name</c> or <c>no_name</c>);
    /// its type is inferred from how the default looks.
    /// </summary>
    internal static EximOptionInfo ReadOption(string line)
    {
        var eq = line.IndexOf(" =", StringComparison.Ordinal);
        if (eq < 0)
        {
            var negated = line.StartsWith("no_", StringComparison.Ordinal);
            var name = negated ? line[3..] : line;
            return new EximOptionInfo(name, EximOptionType.Bool, negated ? "false" : "true");
        }

        var optionName = line[..eq];
        var value = line[(eq + 2)..].TrimStart(' ');
        var type = TimeRegex().IsMatch(value) ? EximOptionType.Time
            : OctalRegex().IsMatch(value) && value.Length > 1 && value[0] == '0' ? EximOptionType.Octal
            : IntRegex().IsMatch(value) && value.All(char.IsAsciiDigit) ? EximOptionType.Int
            : EximOptionType.String;
        return new EximOptionInfo(optionName, type, value);
    }

    private static IEnumerable<string> ReadResource(string name)
    {
        using var stream = typeof(EximOptionTable).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource {name} is not embedded (scripts/gen-exim-options.sh)");
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    [GeneratedRegex(@"^(?:\d+[wdhms])+$")]
    private static partial Regex TimeRegex();

    [GeneratedRegex(@"(\d+)([wdhms])")]
    private static partial Regex TimePartRegex();

    [GeneratedRegex(@"^(-?(?:0[xX][0-9a-fA-F]+|\d+))([kKmMgG]?)$")]
    private static partial Regex IntRegex();

    [GeneratedRegex(@"^[0-7]+$")]
    private static partial Regex OctalRegex();

    [GeneratedRegex(@"Exim (\d+\.\d+)")]
    private static partial Regex VersionRegex();
}

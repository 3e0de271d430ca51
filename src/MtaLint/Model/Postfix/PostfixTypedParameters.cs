using System.Globalization;

namespace MtaLint.Model.Postfix;

/// <summary>How Postfix converts a parameter's value when a program reads it from its tables.</summary>
internal enum PostfixValueKind
{
    /// <summary>yes or no, in any case (mail_conf_bool).</summary>
    Bool,

    /// <summary>A whole number that fits an int (mail_conf_int).</summary>
    IntNumber,

    /// <summary>A whole number that fits a long (mail_conf_long).</summary>
    LongNumber,

    /// <summary>A number and a unit s, m, h, d or w; the default's unit when there is none (conv_time).</summary>
    Time,

    /// <summary>A string with a least length (mail_conf_str): most often one that must not be empty.</summary>
    Text,

    /// <summary>A string Postfix does not <c>$</c>-expand, with a least length (mail_conf_raw, which words its refusal apart).</summary>
    RawText,
}

/// <summary>
/// A parameter some Postfix programs read with a type, and exit at start-up over a value of the wrong one.
/// </summary>
/// <param name="Min">The least value (time: in seconds; string: length); 0 when there is none.</param>
/// <param name="Max">The largest value; 0 when there is none.</param>
/// <param name="Unit">A time value's unit when it has none.</param>
/// <param name="Programs">The programs that read it; empty when every program does (mail_params_init).</param>
internal sealed record PostfixTypedParameter(string Name, PostfixValueKind Kind, long Min, long Max, char Unit, IReadOnlyList<string> Programs)
{
    public bool EveryProgram => Programs.Count == 0;

    /// <summary>
    /// The fatal error a program exits with over <paramref name="value"/> (the expanded value), in
    /// Postfix's words without the <c>fatal: </c>; null when the value is good.
    /// </summary>
    public string? Refusal(string value) => Kind switch
    {
        PostfixValueKind.Bool => value.Equals("yes", StringComparison.OrdinalIgnoreCase) || value.Equals("no", StringComparison.OrdinalIgnoreCase)
            ? null : $"bad boolean configuration: {Name} = {value}",
        PostfixValueKind.IntNumber or PostfixValueKind.LongNumber => NumberRefusal(value),
        PostfixValueKind.Time => TimeRefusal(value),
        PostfixValueKind.RawText => Min > 0 && value.Length < Min ? $"bad string length ({value.Length} < {Min}): {Name} = {value}" : null,
        _ => Min > 0 && value.Length < Min ? $"bad string length {value.Length} < {Min}: {Name} = {value}" : null,
    };

    /// <summary>Whether a value of <paramref name="length"/> characters can be refused: a string only when it is too short.</summary>
    public bool MayRefuseLength(int length) => Kind is not (PostfixValueKind.Text or PostfixValueKind.RawText) || length < Min;

    /// <summary>What to write instead, for a finding's note.</summary>
    public string Expected => Kind switch
    {
        PostfixValueKind.Bool => "write yes or no",
        PostfixValueKind.IntNumber or PostfixValueKind.LongNumber => "write a whole number" + Bounds(string.Empty),
        PostfixValueKind.Time => $"write a whole number followed by one of the units s, m, h, d or w (none means {Unit})" + Bounds(" second"),
        _ => Min == 1 ? "it must not be empty" : $"write at least {Min} characters",
    };

    /// <param name="unit">The unit in the singular (" second"), or empty: one bound of 1 keeps it singular.</param>
    private string Bounds(string unit) => (Min, Max) switch
    {
        (0, 0) => string.Empty,
        (_, 0) => $", at least {Min}{Plural(unit, Min)}",
        (0, _) => $", at most {Max}{Plural(unit, Max)}",
        _ => $" from {Min} to {Max}{Plural(unit, Max)}",
    };

    private static string Plural(string unit, long count) => unit.Length == 0 || count == 1 ? unit : unit + "s";

    /// <summary>strtol as mail_conf_int/long use it: the whole value one number (blanks before it allowed), in range.</summary>
    private string? NumberRefusal(string value)
    {
        if (value.Length == 0 || ParseLong(value, out var end) is not { } number || end != value.Length
            || Kind == PostfixValueKind.IntNumber && number is < int.MinValue or > int.MaxValue)
        {
            return $"bad numerical configuration: {Name} = {value}";
        }

        return Min != 0 && number < Min ? $"invalid {Name} parameter value {number} < {Min}"
            : Max != 0 && number > Max ? $"invalid {Name} parameter value {number} > {Max}"
            : null;
    }

    /// <summary>
    /// conv_time: a non-negative int, then the unit (the first character after the number; anything
    /// after it is ignored, so <c>10min</c> is ten minutes), in seconds within an int; then the bounds.
    /// </summary>
    private string? TimeRefusal(string value)
    {
        var bad = $"parameter {Name}: bad time value or unit: {value}";
        if (value.Length == 0 || ParseLong(value, out var end) is not { } number || number is < 0 or > int.MaxValue)
        {
            return bad;
        }

        long? seconds = (end < value.Length ? value[end] : Unit) switch
        {
            'w' => Scaled(number, 7 * 24 * 3600),
            'd' => Scaled(number, 24 * 3600),
            'h' => Scaled(number, 3600),
            'm' => Scaled(number, 60),
            's' => number,
            _ => null,
        };
        if (seconds is not { } s)
        {
            return bad;
        }

        return Min != 0 && s < Min ? $"invalid {Name}: {s} (min {Min})"
            : Max != 0 && s > Max ? $"invalid {Name}: {s} (max {Max})"
            : null;
    }

    /// <summary>conv_time's overflow check: the count must stay below INT_MAX / unit.</summary>
    private static long? Scaled(long number, int unit) => number < int.MaxValue / unit ? number * unit : null;

    /// <summary>
    /// strtol(value, &amp;end, 10): leading white space, a sign, digits. No digits gives 0 with
    /// <paramref name="end"/> at the start; a number past a long is out of range (null).
    /// </summary>
    private static long? ParseLong(string value, out int end)
    {
        var i = 0;
        while (i < value.Length && value[i] is ' ' or '\t' or '\n' or '\v' or '\f' or '\r')
        {
            i++;
        }

        var sign = i;
        if (i < value.Length && value[i] is '+' or '-')
        {
            i++;
        }

        var digits = i;
        while (i < value.Length && char.IsAsciiDigit(value[i]))
        {
            i++;
        }

        if (i == digits)
        {
            end = 0;
            return 0;
        }

        end = i;
        return long.TryParse(value.AsSpan(sign, i - sign), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null;
    }
}

/// <summary>
/// The typed parameters of Postfix's programs, measured from the real daemons by
/// <c>scripts/gen-postfix-typed.sh</c> (an embedded resource). Immutable.
/// </summary>
internal sealed class PostfixTypedParameters
{
    private static readonly Lazy<PostfixTypedParameters> Loaded = new(Load);

    private readonly Dictionary<string, List<PostfixTypedParameter>> _byProgram;

    private PostfixTypedParameters(IReadOnlyList<PostfixTypedParameter> all)
    {
        All = all;
        EveryProgram = all.Where(p => p.EveryProgram).ToArray();
        _byProgram = new Dictionary<string, List<PostfixTypedParameter>>(StringComparer.Ordinal);
        foreach (var parameter in all)
        {
            foreach (var program in parameter.Programs)
            {
                (_byProgram.TryGetValue(program, out var list) ? list : _byProgram[program] = []).Add(parameter);
            }
        }
    }

    public static PostfixTypedParameters Instance => Loaded.Value;

    public IReadOnlyList<PostfixTypedParameter> All { get; }

    /// <summary>What every program reads (mail_params_init), <c>postfix start</c> and the master included.</summary>
    public IReadOnlyList<PostfixTypedParameter> EveryProgram { get; }

    /// <summary>What one program reads beyond <see cref="EveryProgram"/> (<c>smtpd</c>: its timeouts, limits, switches).</summary>
    public IReadOnlyList<PostfixTypedParameter> OfProgram(string program) =>
        _byProgram.TryGetValue(program, out var list) ? list : [];

    private static PostfixTypedParameters Load()
    {
        using var stream = typeof(PostfixTypedParameters).Assembly.GetManifestResourceStream("postfix/postfix-typed-params.txt")
            ?? throw new InvalidOperationException("embedded resource postfix/postfix-typed-params.txt is missing (run scripts/gen-postfix-typed.sh)");
        using var reader = new StreamReader(stream);
        var all = new List<PostfixTypedParameter>();
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            // KIND NAME MIN MAX UNIT PROGRAMS
            var f = line.Split(' ');
            var kind = f[0] switch
            {
                "bool" => PostfixValueKind.Bool,
                "int" => PostfixValueKind.IntNumber,
                "long" => PostfixValueKind.LongNumber,
                "time" => PostfixValueKind.Time,
                "str" => PostfixValueKind.Text,
                "raw" => PostfixValueKind.RawText,
                _ => throw new InvalidOperationException($"postfix-typed-params.txt: unknown kind in \"{line}\""),
            };
            all.Add(new PostfixTypedParameter(f[1], kind, long.Parse(f[2], CultureInfo.InvariantCulture), long.Parse(f[3], CultureInfo.InvariantCulture),
                f[4][0], f[5] == "*" ? [] : f[5].Split(',')));
        }

        return new PostfixTypedParameters(all);
    }
}

using System.Text.RegularExpressions;

namespace MtaLint.Model.Sendmail;

/// <summary>What sendmail makes of one sendmail.cf line, and whether that is what the line's text says.</summary>
/// <param name="Reading">As a clause after "sendmail reads it as": <c>a macro definition (D): macro $a = "..."</c>.</param>
/// <param name="StopsSendmail">readcf.c reports the line as an error (syserr), and sendmail then refuses to run in every mode but <c>-bt</c> (main.c).</param>
/// <param name="Misread">The text is not what sendmail reads: a setting written as <c>Name=value</c>, prose, or an error.</param>
internal sealed record SendmailCfReading(string Reading, bool StopsSendmail, bool Misread);

/// <summary>
/// Reads a line of sendmail.cf as sendmail 8.17 does (readcf.c: the first char is the command; a
/// line that starts with a blank continues the line before it, fgetfolded in util.c), to tell what
/// text copied into sendmail.cf by mistake turns into.
/// </summary>
internal static partial class SendmailCfLine
{
    /// <summary>Text written as <c>Name=value</c> or <c>Name value</c>: the name, and the value after it.</summary>
    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_.\-]*)(?:\s*=\s*|\s+|$)(?<value>.*)$")]
    private static partial Regex NameAndValue();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.\-]*\s*=")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"^[A-Z_][A-Z0-9_]*=")]
    private static partial Regex EnvironmentAssignment();

    /// <summary><c>Dj=mx</c>: a macro whose value starts with <c>=</c> was meant as name = value.</summary>
    [GeneratedRegex(@"^D(?:[A-Za-z0-9_]|\{[^}]*\})\s*=")]
    private static partial Regex MacroAssignment();

    [GeneratedRegex(@"^[^=]*=\s*-?\d+\s*$")]
    private static partial Regex NumberAssigned();

    /// <summary>How a line reads; null for a comment or an empty line, which sendmail skips.</summary>
    /// <param name="line">The line as m4 wrote it, without its line break.</param>
    /// <param name="previous">The line before it in sendmail.cf; null when it is the first.</param>
    /// <param name="rulesetOpen">An <c>S</c> line came before, so an <c>R</c> line has a ruleset to go to.</param>
    public static SendmailCfReading? Read(string line, string? previous, bool rulesetOpen)
    {
        line = line.TrimEnd('\r');
        if (line.Length > 0 && line[0] is ' ' or '\t')
        {
            return Continuation(line, previous);
        }

        // translate_dollars strips trailing blanks; an empty line and a comment are skipped.
        line = line.TrimEnd();
        if (line.Length == 0 || line[0] == '#')
        {
            return null;
        }

        var rest = line[1..];
        var reading = line[0] switch
        {
            'D' => Macro(rest),
            'C' => Class(rest),
            'T' => new SendmailCfReading($"a trusted-users line (T): {Words(rest)} become trusted users (class $=t)", false, false),
            'F' => ClassFile(rest),
            'O' => Option(rest),
            'S' => Ruleset(rest),
            'R' => Rule(line, rulesetOpen),
            'H' => Header(rest),
            'M' => Mailer(rest),
            'P' => Precedence(rest),
            'Q' => Stop("a queue group definition (Q) before the queue directory is set (\"QueueDir must be defined before queue groups\")"),
            'V' => rest.TrimStart().Length > 0 && char.IsAsciiDigit(rest.TrimStart()[0])
                ? new SendmailCfReading("a version line (V)", false, false)
                : Stop("a version line (V) without a number (\"invalid argument to V line\")"),
            'K' => rest.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Length < 2
                ? Stop($"a map definition (K) of the map \"{rest}\" without a map class (\"no map class\")")
                : new SendmailCfReading($"a map definition (K) of the map \"{FirstWord(rest)}\"", false, false),
            'E' => Environment(rest),
            'X' => rest.Contains("S=", StringComparison.Ordinal)
                ? new SendmailCfReading($"a mail filter definition (X) of the filter \"{FirstWord(rest).TrimEnd(',')}\"", false, false)
                : Stop("a mail filter definition (X) without a socket (\"empty or missing socket information\")"),
            _ => Stop("an unknown configuration line"),
        };
        if (!LooksLikeASetting(line))
        {
            return reading;
        }

        // A setting's text as a file name names no file: sendmail stops when it cannot open the file of an F line (fileclass).
        return line[0] == 'F' && !reading.StopsSendmail
            ? new SendmailCfReading(reading.Reading + ", which does not exist, so sendmail stops (\"fileclass: cannot open\")", true, true)
            : reading with { Misread = true };
    }

    /// <summary>
    /// Text that says "set this": a known option or m4 name first, or <c>Name=value</c>. sendmail's own
    /// lines that are written that way (<c>Sname=96</c>, <c>Plist=-30</c>, <c>EPATH=/bin</c>) are not.
    /// </summary>
    private static bool LooksLikeASetting(string line)
    {
        if (MacroAssignment().IsMatch(line))
        {
            return true;
        }

        if (NameAndValue().Match(line) is { Success: true } m && IsKnownName(m.Groups["name"].Value))
        {
            return true;
        }

        if (!Assignment().IsMatch(line) || line.IndexOf('=') < 3)
        {
            return false;
        }

        return line[0] switch
        {
            'S' or 'P' => !NumberAssigned().IsMatch(line),
            'E' => !EnvironmentAssignment().IsMatch(line[1..]),
            _ => true,
        };
    }

    private static bool IsKnownName(string name) =>
        SendmailCfKnowledge.OptionMacros.ContainsKey(name) || SendmailCfKnowledge.OptionCalls.ContainsKey(name)
        || SendmailCfKnowledge.ForeignGreetingNames.Contains(name)
        || name.StartsWith("conf", StringComparison.Ordinal) && name.Length > 4 && char.IsAsciiLetterUpper(name[4]);

    /// <summary>
    /// The m4 that says what <c>Name=value</c> text means, when the name is a sendmail option, a
    /// sendmail-cf define or another MTA's name for the greeting; else null.
    /// </summary>
    public static string? Intended(string text)
    {
        var m = NameAndValue().Match(text.Trim());
        if (!m.Success)
        {
            return null;
        }

        var name = m.Groups["name"].Value;
        var value = m.Groups["value"].Value.Trim();
        if (SendmailCfKnowledge.OptionCalls.TryGetValue(name, out var call))
        {
            return $"{call}(`{value}')";
        }

        var macro = SendmailCfKnowledge.OptionMacros.TryGetValue(name, out var option) ? option
            : SendmailCfKnowledge.ForeignGreetingNames.Contains(name) ? "confSMTP_LOGIN_MSG"
            : name.StartsWith("conf", StringComparison.Ordinal) && name.Length > 4 && char.IsAsciiLetterUpper(name[4]) ? name
            : null;
        return macro switch
        {
            null => null,
            "confSMTP_LOGIN_MSG" => $"define(`{macro}', `{AsSendmailGreeting(value)}')",
            _ => $"define(`{macro}', `{value}')",
        };
    }

    /// <summary>
    /// A greeting as sendmail-cf takes it: another MTA's host name variable is <c>$j</c>, and <c>ESMTP</c>
    /// goes, since sendmail inserts it after the first word itself (a second one is MTA108).
    /// </summary>
    private static string AsSendmailGreeting(string value)
    {
        var greeting = ForeignHostName().Replace(value, "$j");
        greeting = Esmtp().Replace(greeting, string.Empty).Trim();
        return greeting.Length == 0 ? "$j" : greeting;
    }

    [GeneratedRegex(@"\$\{?(?:myhostname|smtp_active_hostname|primary_hostname)\}?")]
    private static partial Regex ForeignHostName();

    [GeneratedRegex(@"\s*\bESMTP\b")]
    private static partial Regex Esmtp();

    private static SendmailCfReading Stop(string reading) => new(reading, true, true);

    private static SendmailCfReading Continuation(string line, string? previous)
    {
        var text = line.Trim();
        if (previous is null || previous.TrimEnd('\r').TrimEnd().Length == 0)
        {
            // fgetfolded joins it to the empty line before it: the line starts with a line break, an unknown command.
            return Stop(text.Length == 0
                ? "one line with the empty line before it (a line of blanks continues the line above), which is an unknown configuration line"
                : "one line with the empty line before it (a line that starts with a blank continues the line above), which is an unknown configuration line");
        }

        if (text.Length == 0)
        {
            return new SendmailCfReading("the end of the line above", false, false);
        }

        var above = previous.TrimStart();
        return above.StartsWith('#')
            ? new SendmailCfReading("part of the comment line above it (a line that starts with a blank continues the line above), so it has no effect", false, true)
            : new SendmailCfReading("part of the line above it (a line that starts with a blank continues the line above)", false, false);
    }

    /// <summary>macid_parse: <c>{name}</c> or one char.</summary>
    private static (string? Name, string After) MacroName(string text)
    {
        if (text.Length == 0)
        {
            return (null, string.Empty);
        }

        if (text[0] == '{')
        {
            var close = text.IndexOf('}');
            return close < 0 ? (null, text) : ("{" + text[1..close] + "}", text[(close + 1)..]);
        }

        return (text[..1], text[1..]);
    }

    private static SendmailCfReading Macro(string rest)
    {
        var (name, value) = MacroName(rest);
        return name is null
            ? Stop("a macro definition (D) without a macro name")
            : new SendmailCfReading($"a macro definition (D): macro ${name} = \"{value}\"", false, false);
    }

    private static SendmailCfReading Class(string rest)
    {
        var (name, words) = MacroName(rest);
        return name is null
            ? Stop("a class definition (C) without a class name")
            : new SendmailCfReading($"a class definition (C): class $={name} gets {Words(words)}", false, false);
    }

    private static SendmailCfReading ClassFile(string rest)
    {
        var (name, file) = MacroName(rest);
        return name is null
            ? Stop("a class definition (F) without a class name")
            : new SendmailCfReading($"a class read from a file (F): class $={name} from the file \"{file.Trim()}\"", false, false);
    }

    private static SendmailCfReading Option(string rest)
    {
        if (rest.Length == 0)
        {
            return Stop("an option line (O) without an option");
        }

        if (rest[0] is ' ' or '\t')
        {
            var name = FirstWord(rest).Split('=')[0];
            return new SendmailCfReading($"an option line (O) for {name}", false, false);
        }

        var option = SendmailCfKnowledge.ShortOptions.TryGetValue(rest[0], out var longName) ? $"{rest[0]} ({longName})" : rest[0].ToString();
        var reading = $"an option line (O) for the one-letter option {option} = \"{rest[1..]}\"";
        // PrivacyOptions takes only its flag words (readcf.c setoption: "Op line: %s unrecognized").
        var unknownFlag = rest[0] == 'p'
            ? Regex.Matches(rest[1..], "[A-Za-z0-9]+").Select(m => m.Value).FirstOrDefault(w => !SendmailCfKnowledge.PrivacyFlags.Contains(w))
            : null;
        return unknownFlag is null ? new SendmailCfReading(reading, false, false) : Stop($"{reading}, where \"{unknownFlag}\" is no privacy flag (\"Op line: {unknownFlag} unrecognized\")");
    }

    private static SendmailCfReading Ruleset(string rest)
    {
        var eq = rest.IndexOf('=');
        if (eq >= 0 && !int.TryParse(rest[(eq + 1)..].Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            return Stop($"a ruleset line (S) for the ruleset \"{rest[..eq]}\" with no number after = (\"bad ruleset definition\")");
        }

        return new SendmailCfReading($"the start of a ruleset (S) named \"{(eq >= 0 ? rest[..eq] : rest).Trim()}\"", false, false);
    }

    private static SendmailCfReading Rule(string line, bool rulesetOpen) =>
        !rulesetOpen ? Stop("a rewriting rule (R) before any ruleset (\"missing valid ruleset\")")
        : !line.Contains('\t') ? Stop("a rewriting rule (R) without a tab between its sides (\"invalid rewrite line\")")
        : new SendmailCfReading("a rewriting rule (R)", false, false);

    private static SendmailCfReading Header(string rest) =>
        rest.Contains(':')
            ? new SendmailCfReading($"a header definition (H) of the header \"{rest[..rest.IndexOf(':')]}\"", false, false)
            : Stop($"a header definition (H) without a colon (\"header syntax error\")");

    private static SendmailCfReading Mailer(string rest) =>
        rest.Contains("A=", StringComparison.Ordinal)
            ? new SendmailCfReading($"a mailer definition (M) of the mailer \"{FirstWord(rest).TrimEnd(',')}\"", false, false)
            : Stop($"a mailer definition (M) of the mailer \"{FirstWord(rest).TrimEnd(',')}\" without A= (\"A= argument required\")");

    private static SendmailCfReading Precedence(string rest)
    {
        var eq = rest.IndexOf('=');
        if (eq < 0)
        {
            return Stop("an unknown configuration line (a precedence line, P, needs name=number)");
        }

        // atoi: the leading number of the value, 0 when it starts with none.
        var digits = Regex.Match(rest[(eq + 1)..], @"^\s*[-+]?\d+").Value.Trim();
        return new SendmailCfReading($"a precedence (P): precedence \"{rest[..eq]}\" = {(digits.Length == 0 ? "0" : digits.TrimStart('+'))}", false, false);
    }

    private static SendmailCfReading Environment(string rest)
    {
        var eq = rest.IndexOf('=');
        return eq < 0
            ? new SendmailCfReading($"an environment line (E): the variable \"{rest}\" is passed to the programs sendmail runs", false, false)
            : new SendmailCfReading($"an environment line (E): the variable \"{rest[..eq]}\" = \"{rest[(eq + 1)..]}\" for the programs sendmail runs", false, false);
    }

    private static string FirstWord(string text) =>
        text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty;

    private static string Words(string text)
    {
        var words = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0 ? "no words" : string.Join(", ", words.Select(w => "\"" + w + "\""));
    }
}

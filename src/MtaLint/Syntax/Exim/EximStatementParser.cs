using MtaLint.Text;

namespace MtaLint.Syntax.Exim;

/// <summary>
/// Makes each logical line a statement of the section it is in: <c>begin</c>, a macro definition,
/// a named list, a driver's or ACL's <c>name:</c>, an option, or a line of an ACL or rule section.
/// </summary>
internal sealed class EximStatementParser
{
    private static readonly string[] ListKinds =
        ["domainlist", "domainlist_cache", "hostlist", "hostlist_cache", "addresslist", "addresslist_cache", "localpartlist", "localpartlist_cache"];

    private readonly EximMacroTable _macros;
    private readonly EximIncludes _includes;
    private readonly EximOptionAddsUp _addsUp;
    private readonly List<SyntaxError> _errors;
    private readonly List<EximStatement> _statements = [];
    private string? _owner;

    // Names set so far, by where they are written and the scope they are set in: the same name read
    // again from the same place can only come from a file included again (see SetAgain).
    private readonly HashSet<(SourceFile File, int Start, EximSection Section, string? Owner)> _setAt = [];

    public EximStatementParser(EximMacroTable macros, EximIncludes includes, EximOptionAddsUp addsUp, List<SyntaxError> errors)
    {
        _macros = macros;
        _includes = includes;
        _addsUp = addsUp;
        _errors = errors;
    }

    /// <summary>The section the line read last is in.</summary>
    public EximSection Section { get; private set; } = EximSection.Main;

    public IReadOnlyList<EximStatement> Statements => _statements;

    public void Add(EximLogicalLine line)
    {
        var text = line.Text.Text;
        if (text.Length > 6 && text.StartsWith("begin", StringComparison.OrdinalIgnoreCase) && MappedText.IsSpace(text[5]))
        {
            BeginSection(line);
            return;
        }

        if (char.IsAsciiLetterUpper(text[0]) && (Section == EximSection.Main || LooksLikeMacroDefinition(text)))
        {
            DefineMacro(line);
            return;
        }

        switch (Section)
        {
            case EximSection.Main:
                if (TryNamedList(line))
                {
                    return;
                }

                AddOption(line, owner: null);
                return;
            case EximSection.Routers or EximSection.Transports or EximSection.Authenticators:
                if (TryBlockHeader(line))
                {
                    return;
                }

                if (_owner is null)
                {
                    _errors.Add(new SyntaxError(SpanOf(line, 0, text.Length), $"option before the first {SectionNoun(Section)} name (\"name:\")"));
                    return;
                }

                AddOption(line, _owner);
                return;
            case EximSection.Acl:
                if (TryBlockHeader(line))
                {
                    return;
                }

                _statements.Add(new EximRuleLine(Section, line, _owner));
                return;
            default:
                _statements.Add(new EximRuleLine(Section, line, null));
                return;
        }
    }

    private void BeginSection(EximLogicalLine line)
    {
        var name = line.Text.Text[6..].Trim();
        EximSection? section = name.ToLowerInvariant() switch
        {
            "acl" => EximSection.Acl,
            "authenticators" or "authenticator" => EximSection.Authenticators,
            "local_scan" or "local_scans" => EximSection.LocalScan,
            "retry" => EximSection.Retry,
            "rewrite" => EximSection.Rewrite,
            "routers" or "router" => EximSection.Routers,
            "transports" or "transport" => EximSection.Transports,
            _ => null,
        };
        if (section is null)
        {
            _errors.Add(new SyntaxError(SpanOf(line, 6, name.Length), $"unknown section name \"{name}\""));
            return;
        }

        Section = section.Value;
        _owner = null;
        _statements.Add(new EximSectionBegin(Section, line, name));
    }

    private static string SectionNoun(EximSection section) => section switch
    {
        EximSection.Routers => "router",
        EximSection.Transports => "transport",
        _ => "authenticator",
    };

    private static bool LooksLikeMacroDefinition(string text)
    {
        var i = SkipSpace(text, MacroNameEnd(text));
        return i < text.Length && text[i] == '=';
    }

    /// <summary>Where the macro name that starts <paramref name="text"/> ends: letters, digits and <c>_</c>.</summary>
    private static int MacroNameEnd(string text)
    {
        var i = 0;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
        {
            i++;
        }

        return i;
    }

    private static SourceSpan SpanOf(EximLogicalLine line, int start, int length) =>
        line.Text.DisplaySpan(start, length) ?? line.File.Span(line.Start, 0);

    private void DefineMacro(EximLogicalLine line)
    {
        var text = line.Text.Text;
        var i = MacroNameEnd(text);
        var name = text[..i];
        var nameSpan = SpanOf(line, 0, i);
        i = SkipSpace(text, i);
        if (i >= text.Length || text[i] != '=')
        {
            _errors.Add(new SyntaxError(nameSpan, $"malformed macro definition: \"=\" expected after {name} (names starting with an upper-case letter are macros)"));
            return;
        }

        i++;
        var redefinition = i < text.Length && text[i] == '=';
        if (redefinition)
        {
            i++;
        }

        i = SkipSpace(text, i);
        var value = line.Text.Slice(i);
        var found = _macros.FindUser(name);
        var existing = found?.Macro;
        if (_macros.FirstShorterSubstring(name, before: found?.Index ?? int.MaxValue) is { } m)
        {
            _errors.Add(new SyntaxError(nameSpan, $"\"{name}\" cannot be defined as a macro because previously defined macro \"{m.Name}\" is a substring"));
            return;
        }

        if (existing is { Origin: EximMacroOrigin.CommandLine })
        {
            _statements.Add(new EximMacroDefinition(Section, line, name, nameSpan, redefinition, value, Effective: false));
            return;
        }

        if (existing is not null && !redefinition && existing.Definition?.NameSpan == nameSpan
            && _includes.ReportReadAgain(nameSpan, $"macro \"{name}\" is already defined"))
        {
            return; // the same line: a file included twice
        }

        if (existing is not null && !redefinition)
        {
            _errors.Add(new SyntaxError(nameSpan, $"macro \"{name}\" is already defined (use \"==\" to redefine it)"));
            return;
        }

        if (existing is null && redefinition)
        {
            _errors.Add(new SyntaxError(nameSpan, $"can't redefine an undefined macro \"{name}\""));
            return;
        }

        var definition = new EximMacroDefinition(Section, line, name, nameSpan, redefinition, value, Effective: true);
        _statements.Add(definition);
        if (existing is not null)
        {
            existing.Value = value;
            existing.Definition = definition;
        }
        else
        {
            _macros.Add(new EximMacro(name, value, EximMacroOrigin.Config, definition));
        }
    }

    private static int ReadName(string text, int i, out string name)
    {
        // A template's masked tag (Templates.TemplateView.Filler) is part of a name: `{{ vtag }}_users:` names a router.
        var start = i;
        if (i < text.Length && (char.IsAsciiLetter(text[i]) || text[i] == Templates.TemplateView.Filler))
        {
            while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or Templates.TemplateView.Filler))
            {
                i++;
            }
        }

        name = text[start..i];
        return i;
    }

    private static int SkipSpace(string text, int i)
    {
        while (i < text.Length && MappedText.IsSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private bool TryNamedList(EximLogicalLine line)
    {
        var text = line.Text.Text;
        var i = ReadName(text, 0, out var kind);
        if (!ListKinds.Contains(kind) || i >= text.Length || !MappedText.IsSpace(text[i]))
        {
            return false;
        }

        i = SkipSpace(text, i);
        var nameStart = i;
        while (i < text.Length && !MappedText.IsSpace(text[i]) && text[i] != '=')
        {
            i++;
        }

        var name = text[nameStart..i];
        i = SkipSpace(text, i);
        if (name.Length == 0 || i >= text.Length || text[i] != '=')
        {
            _errors.Add(new SyntaxError(SpanOf(line, 0, text.Length), $"{kind}: \"name = list\" expected"));
            return true;
        }

        i = SkipSpace(text, i + 1);
        var nameSpan = SpanOf(line, nameStart, name.Length);
        if (SetAgain(nameSpan, null, $"duplicate name \"{name}\" for a named {ListNoun(kind)}"))
        {
            return true;
        }

        _statements.Add(new EximNamedList(Section, line, kind, name, nameSpan, line.Text.Slice(i)));
        return true;
    }

    /// <summary>Exim's word for a kind of named list: <c>hostlist_cache</c> → <c>host list</c>.</summary>
    private static string ListNoun(string kind) => kind[..kind.IndexOf("list", StringComparison.Ordinal)] switch
    {
        "localpart" => "local part list",
        var k => k + " list",
    };

    private bool TryBlockHeader(EximLogicalLine line)
    {
        var text = line.Text.Text;
        var i = ReadName(text, 0, out var name);
        if (name.Length == 0)
        {
            return false;
        }

        i = SkipSpace(text, i);
        if (i >= text.Length || text[i] != ':')
        {
            return false;
        }

        if (SkipSpace(text, i + 1) != text.Length)
        {
            _errors.Add(new SyntaxError(SpanOf(line, i + 1, text.Length - i - 1), $"extra characters follow the name {name}: (\"{name}:\" must be alone on its line)"));
        }

        _owner = name;
        var nameSpan = SpanOf(line, 0, name.Length);
        // Two names a template's tags write may differ in every rendering: no name with a tag in it is a repeat.
        if (Section is EximSection.Routers or EximSection.Transports or EximSection.Authenticators
            && !name.Contains(Templates.TemplateView.Filler, StringComparison.Ordinal)
            && SetAgain(nameSpan, null, $"there are two {SectionNoun(Section)}s called \"{name}\""))
        {
            return true;
        }

        _statements.Add(new EximBlockHeader(Section, line, name, nameSpan));
        return true;
    }

    private void AddOption(EximLogicalLine line, string? owner)
    {
        var text = line.Text.Text;
        var nameStart = 0;
        var i = ReadName(text, 0, out var name);
        var hidden = false;
        if (name == "hide" && i < text.Length && MappedText.IsSpace(text[i]))
        {
            hidden = true;
            nameStart = SkipSpace(text, i);
            i = ReadName(text, nameStart, out name);
        }

        if (name.Length == 0)
        {
            _errors.Add(new SyntaxError(SpanOf(line, nameStart, Math.Max(1, text.Length - nameStart)), $"an option name was expected, not \"{Truncate(text[nameStart..])}\""));
            return;
        }

        var nameSpan = SpanOf(line, nameStart, name.Length);
        i = SkipSpace(text, i);
        MappedText? value = null;
        if (i < text.Length)
        {
            if (text[i] != '=')
            {
                _errors.Add(new SyntaxError(SpanOf(line, i, text.Length - i), $"\"=\" expected after the option name {name}"));
                return;
            }

            value = line.Text.Slice(SkipSpace(text, i + 1));
        }

        if (!_addsUp(Section, name) && SetAgain(nameSpan, owner, $"\"{name}\" option set for the second time"))
        {
            return;
        }

        _statements.Add(new EximOption(Section, line, owner, name, nameSpan, hidden, value));
    }

    private static string Truncate(string s) => s.Length > 40 ? s[..40] + "..." : s;

    /// <summary>
    /// True, and reported at the <c>.include</c> that reads the file again, when a name is set a
    /// second time from the same place in the same scope: a file included twice. Exim stops on it
    /// ("option set for the second time", "duplicate name", "there are two routers called"); a
    /// rule that called the first setting dead and offered to delete it would delete both.
    /// </summary>
    /// <param name="eximSays">What Exim stops with.</param>
    private bool SetAgain(SourceSpan nameSpan, string? owner, string eximSays) =>
        !_setAt.Add((nameSpan.File, nameSpan.Span.Start, Section, owner)) && _includes.ReportReadAgain(nameSpan, eximSays);
}

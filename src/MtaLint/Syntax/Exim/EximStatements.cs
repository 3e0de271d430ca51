using MtaLint.Text;

namespace MtaLint.Syntax.Exim;

/// <summary>The parts of an Exim configuration, in the order Exim reads them.</summary>
public enum EximSection
{
    Main,
    Acl,
    Authenticators,
    LocalScan,
    Retry,
    Rewrite,
    Routers,
    Transports,
}

/// <summary>
/// A logical line: physical lines joined at trailing backslashes, comment lines skipped, macros
/// substituted. <see cref="Start"/>..<see cref="End"/> are the physical lines it spans in <see cref="File"/>
/// (line breaks included), which is what deleting the statement removes.
/// </summary>
public sealed record EximLogicalLine(MappedText Text, SourceFile File, int Start, int End)
{
    public SourceSpan Whole => File.Span(Start, End - Start);
}

/// <summary>One statement of an Exim config, with the section it is in.</summary>
public abstract record EximStatement(EximSection Section, EximLogicalLine Line);

/// <summary><c>NAME = value</c> or <c>NAME == value</c>.</summary>
/// <param name="Effective">False when a <c>-D</c> definition of the same name overrides it.</param>
public sealed record EximMacroDefinition(EximSection Section, EximLogicalLine Line, string Name, SourceSpan NameSpan, bool Redefinition, MappedText Value, bool Effective)
    : EximStatement(Section, Line);

/// <summary>
/// An option: <c>[hide] name = value</c>, or a boolean <c>name</c>, <c>no_name</c>, <c>not_name</c>.
/// <see cref="Name"/> is as written (with a <c>no_</c>/<c>not_</c> prefix, if any): only the option
/// table can tell <c>no_</c> as a negation from a name that starts with it.
/// </summary>
/// <param name="Owner">The driver instance the option belongs to; null in the main section.</param>
/// <param name="Value">The text after <c>=</c> (leading blanks dropped); null for a bare boolean.</param>
internal sealed record EximOption(EximSection Section, EximLogicalLine Line, string? Owner, string Name, SourceSpan NameSpan, bool Hidden, MappedText? Value)
    : EximStatement(Section, Line);

/// <summary><c>domainlist name = value</c>, <c>hostlist</c>, <c>addresslist</c>, <c>localpartlist</c> (and their <c>_cache</c> forms).</summary>
internal sealed record EximNamedList(EximSection Section, EximLogicalLine Line, string Kind, string Name, SourceSpan NameSpan, MappedText Value)
    : EximStatement(Section, Line);

/// <summary><c>begin name</c>.</summary>
internal sealed record EximSectionBegin(EximSection Section, EximLogicalLine Line, string Name)
    : EximStatement(Section, Line);

/// <summary><c>name:</c> starting a router, transport, authenticator or ACL.</summary>
internal sealed record EximBlockHeader(EximSection Section, EximLogicalLine Line, string Name, SourceSpan NameSpan)
    : EximStatement(Section, Line);

/// <summary>A line of an ACL, a retry rule or a rewrite rule (<see cref="Owner"/>: the ACL name).</summary>
internal sealed record EximRuleLine(EximSection Section, EximLogicalLine Line, string? Owner)
    : EximStatement(Section, Line);

/// <summary>Where a new main-section option can be written: in <see cref="File"/> at <see cref="Offset"/> (a line start, or the end of the file).</summary>
/// <param name="NeedsLeadingNewline">The file does not end with a line break there.</param>
internal sealed record EximInsertionPoint(SourceFile File, int Offset, bool NeedsLeadingNewline);

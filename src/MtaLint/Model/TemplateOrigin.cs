using MtaLint.Text;

namespace MtaLint.Model;

/// <summary>
/// Where the text of a template's expression comes from when mtalint knows it: a variable's default
/// (<c>postfix_banner</c> in <c>roles/x/defaults/main.yml</c>), <see cref="At"/> the value as written there.
/// A finding on that text holds only where the variable keeps its default.
/// </summary>
public sealed record TemplateOrigin(string Variable, SourceSpan At);

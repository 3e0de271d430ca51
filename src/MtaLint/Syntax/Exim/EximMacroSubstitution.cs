using MtaLint.Text;

namespace MtaLint.Syntax.Exim;

/// <summary>
/// Exim's macro substitution on physical lines (<c>macros_expand</c> in readconf.c): every macro,
/// in list order, replaces each occurrence of its name in the rest of the line.
/// </summary>
internal sealed class EximMacroSubstitution
{
    private readonly EximMacroTable _macros;

    // Definitions are told apart by identity; hashing the record would hash its whole line at every use.
    private readonly Dictionary<EximMacroDefinition, int> _uses = new(ReferenceEqualityComparer.Instance);

    // Scratch of Expand, kept from line to line (it is not reentrant).
    private readonly SortedSet<int> _candidates = [];
    private readonly List<(int Start, MacroUse Use)> _occurrences = [];

    public EximMacroSubstitution(EximMacroTable macros) => _macros = macros;

    /// <summary>How many times each macro definition was substituted into a line.</summary>
    public IReadOnlyDictionary<EximMacroDefinition, int> UseCounts => _uses;

    /// <summary>
    /// The physical line with macros substituted and leading blanks dropped; null when it is longer
    /// than <see cref="EximReader.MaxLineLength"/> after substitution.
    /// </summary>
    /// <param name="atLogicalStart">The line starts a logical line (so may be a macro definition, whose name is not substituted).</param>
    /// <param name="found">A macro was substituted (what <c>.ifdef</c> tests).</param>
    public MappedText? Substitute(SourceFile file, EximPhysicalLine physical, bool atLogicalStart, out bool found)
    {
        var contentEnd = physical.Start + physical.ContentLength;
        if (FirstCandidate(file.Text, physical.Start, contentEnd, atLogicalStart) >= contentEnd)
        {
            // Most lines hold no macro name: they are taken from the file as they are, trimmed.
            found = false;
            return physical.ContentLength > EximReader.MaxLineLength ? null : TrimmedLiteral(file, physical.Start, contentEnd);
        }

        return Substitute(MappedText.FromSource(file, physical.Start, physical.ContentLength), atLogicalStart, out found);
    }

    /// <summary>A physical line already read (with a template's known texts in it, <see cref="EximTemplateValues"/>), macros substituted and trimmed at its start.</summary>
    public MappedText? Substitute(MappedText line, bool atLogicalStart, out bool found)
    {
        (var expanded, found) = Expand(line, atLogicalStart);
        return expanded.Length > EximReader.MaxLineLength ? null : expanded.TrimStart();
    }

    /// <summary>
    /// Whether a macro name can start the physical line: a skipped line that starts with neither
    /// <c>.</c> nor such a name cannot become a directive.
    /// </summary>
    public static bool MayStartWithMacro(string text, EximPhysicalLine physical)
    {
        var i = physical.Start;
        var end = physical.Start + physical.ContentLength;
        while (i < end && MappedText.IsSpace(text[i]))
        {
            i++;
        }

        return i < end && (char.IsAsciiLetterUpper(text[i]) || text[i] == '_');
    }

    private (MappedText Text, bool Found) Expand(MappedText line, bool atLogicalStart)
    {
        var text = line.Text;
        var s = FirstCandidate(text, 0, text.Length, atLogicalStart);
        if (s >= text.Length)
        {
            return (line, false);
        }

        var found = false;
        // Built-ins come first in the list and all start with `_`: a line without `_` cannot hold one.
        var includeBuiltIns = text[s] == '_';
        // Exim tries every macro in list order on the rest of the line; only those whose names occur
        // can change it, so only those are tried, in the same order. A replacement can make a name
        // (inside the value or across its ends): the macros after this one are looked for there too.
        var candidates = _candidates;
        candidates.Clear();
        _macros.Occurring(text, s, text.Length, includeBuiltIns, after: -1, candidates);
        var occurrences = _occurrences;
        while (candidates.Count > 0)
        {
            var index = candidates.Min;
            candidates.Remove(index);
            s = SkipToCandidate(line.Text, s);
            if (s >= line.Length)
            {
                break;
            }

            var macro = _macros[index];
            occurrences.Clear();
            var length = line.Length;
            var t = s;
            int p;
            while ((p = line.Text.IndexOf(macro.Name, t, StringComparison.Ordinal)) >= 0)
            {
                occurrences.Add((p, new MacroUse(macro.Name, line.DisplaySpan(p, macro.Name.Length) ?? line.OriginAt(p).File.Span(line.OriginAt(p).Offset, 0), macro.Definition)));
                if (macro.Definition is { } used)
                {
                    _uses[used] = _uses.GetValueOrDefault(used) + 1;
                }

                // The search goes on after the replacement, which is where the rest of the old line starts.
                t = SkipToCandidate(line.Text, p + macro.Name.Length);
                length += macro.Value.Length - macro.Name.Length;
                if (length > EximReader.MaxLineLength)
                {
                    break;
                }
            }

            if (occurrences.Count == 0)
            {
                continue;
            }

            found = true;
            line = line.ReplaceAll(macro.Name.Length, occurrences, macro.Value);
            if (line.Length > EximReader.MaxLineLength)
            {
                return (line, found);
            }

            var shift = 0;
            foreach (var (start, _) in occurrences)
            {
                var at = start + shift;
                _macros.Occurring(line.Text, at - _macros.MaxNameLength + 1, at + macro.Value.Length, includeBuiltIns, after: index, candidates);
                shift += macro.Value.Length - macro.Name.Length;
            }
        }

        return (line, found);
    }

    private static int SkipToCandidate(string text, int i) => SkipToCandidate(text, i, text.Length);

    private static int SkipToCandidate(string text, int i, int end)
    {
        while (i < end && !char.IsAsciiLetterUpper(text[i]) && !(text[i] == '_' && i + 1 < end && char.IsAsciiLetterUpper(text[i + 1])))
        {
            i++;
        }

        return i;
    }

    /// <summary>
    /// Where in text [<paramref name="start"/>, <paramref name="end"/>) Exim's macro substitution
    /// would first look for a name (<paramref name="end"/> when nowhere): after leading blanks, past
    /// the name of a macro definition, at an upper-case letter or <c>_</c> and one.
    /// </summary>
    private static int FirstCandidate(string text, int start, int end, bool atLogicalStart)
    {
        var ss = start;
        while (ss < end && MappedText.IsSpace(text[ss]))
        {
            ss++;
        }

        var s = ss;
        if (atLogicalStart && s < end && char.IsAsciiLetterUpper(text[s]))
        {
            // The name in a macro definition is not substituted.
            var t = s;
            while (t < end && (char.IsAsciiLetterOrDigit(text[t]) || text[t] == '_'))
            {
                t++;
            }

            while (t < end && MappedText.IsSpace(text[t]))
            {
                t++;
            }

            s = t < end && text[t] == '=' ? t : ss;
        }

        return SkipToCandidate(text, s, end);
    }

    /// <summary>
    /// A physical line that no macro can change, as <c>Expand(...).TrimStart()</c> gives it,
    /// built from the file text without the intermediate copies. Its trailing blanks go too, as the
    /// logical line drops them anyway, except on a directive (whose test looks at the char after
    /// its name) or a comment.
    /// </summary>
    private static MappedText TrimmedLiteral(SourceFile file, int start, int end)
    {
        var text = file.Text;
        while (start < end && MappedText.IsSpace(text[start]))
        {
            start++;
        }

        if (start < end && text[start] is not ('.' or '#'))
        {
            while (MappedText.IsSpace(text[end - 1]))
            {
                end--;
            }
        }

        return MappedText.FromSource(file, start, end - start);
    }
}

using MtaLint.Syntax.Postfix;
using MtaLint.Text;

namespace MtaLint.Model.Postfix;

/// <summary>
/// Every assignment of main.cf and of master.cf's <c>-o</c> overrides, whether Postfix knows its
/// name, the <c>$references</c> in its value, and the values Postfix refuses to expand.
/// </summary>
internal sealed class PostfixAssignmentCollector(
    MainCfDocument? main,
    MasterCfDocument? master,
    Dictionary<string, MainCfAssignment> mainEffective,
    PostfixScopes scopes,
    PostfixUserParameters userParameters,
    PostfixParsedValues parsed)
{
    private readonly MainCfDocument? _main = main;
    private readonly MasterCfDocument? _master = master;
    private readonly PostfixDefaults _defaults = PostfixDefaults.Instance;
    private readonly Dictionary<string, MainCfAssignment> _mainEffective = mainEffective;
    private readonly PostfixScopes _scopes = scopes;
    private readonly PostfixUserParameters _userParameters = userParameters;
    private readonly PostfixParsedValues _parsed = parsed;

    /// <summary>main.cf's assignments; a used one whose <c>$references</c> run into a cycle is an error.</summary>
    public void CollectMain(List<SettingAssignment> assignments, List<ValueReference> references, List<SyntaxError> errors)
    {
        if (_main is null)
        {
            return;
        }

        var file = _main.File;
        var names = new List<(string Name, int NameStart)>();
        foreach (var a in _main.Assignments)
        {
            var known = _userParameters.IsKnown(a.Name) || _defaults.ReadOnlyParameters.Contains(a.Name);
            var used = known && ReferenceEquals(_mainEffective.GetValueOrDefault(a.Name), a);
            var valueError = CollectReferences(a.Name, a.ValueText, file, _scopes.Main, used, references, errors, names);
            if (used && valueError is null && _scopes.Main.Parameters.ExpandsInCycle(a.Name))
            {
                errors.Add(new SyntaxError(file.Span(a.NameSpan.Start, a.NameSpan.Length),
                    $"{a.Name}: unreasonable macro call nesting: expanding it runs into a cycle of $references (or nests past 100), where Postfix stops"));
            }
            assignments.Add(new SettingAssignment(a.Name, "main.cf", file.Span(a.NameSpan.Start, a.NameSpan.Length),
                file.Span(a.WholeSpan.Start, a.WholeSpan.Length), known, a.ValueText.Chars, valueError));
        }
    }

    /// <summary>The <c>-o</c> overrides of every master.cf entry, each known or not in its own entry's name space.</summary>
    public void CollectMaster(List<SettingAssignment> assignments, List<ValueReference> references, List<SyntaxError> errors)
    {
        if (_master is null)
        {
            return;
        }

        var file = _master.File;
        var names = new List<(string Name, int NameStart)>();
        foreach (var entry in _master.Entries)
        {
            var scope = _scopes.Of(entry);
            foreach (var o in entry.Overrides)
            {
                var known = _userParameters.IsKnownIn(entry, o.Name);
                var valueError = CollectReferences(o.Name, o.ValueText, file, scope, known, references, errors, names);
                assignments.Add(new SettingAssignment(o.Name, _scopes.NameOf(entry), file.Span(o.NameSpan.Start, o.NameSpan.Length),
                    file.Span(o.RemovalSpan.Start, o.RemovalSpan.Length), known, o.Value, valueError));
            }
        }
    }

    /// <summary>
    /// References in a value; a value Postfix cannot expand is fatal for it when the parameter is
    /// used. Returns why the value cannot be expanded (also when unused: a rename could put it to use), else null.
    /// <paramref name="names"/> is a list to reuse, its contents of no matter.
    /// </summary>
    private string? CollectReferences(string name, MappedText value, SourceFile file, PostfixScope scope, bool used, List<ValueReference> references,
        List<SyntaxError> errors, List<(string Name, int NameStart)> names)
    {
        if (_defaults.RawParameters.Contains(name))
        {
            return null;
        }

        var expression = _parsed.TryParse(value.Chars, out var error);
        if (expression is null)
        {
            if (used)
            {
                var at = value.ToFile(error!.Offset);
                errors.Add(new SyntaxError(file.Span(at, Math.Min(1, value.Length - error.Offset)), $"{name}: {error.Message}"));
            }

            return error!.Message;
        }

        names.Clear();
        expression.AddReferencedNames(names);
        foreach (var (referenced, start) in names)
        {
            var span = value.FileSpan(start, start + referenced.Length);
            // A legacy name (smtpd_client_connection_limit_exceptions) has no default of its own but Postfix
            // knows it: postconf reads it as empty, as in its own ${legacy_name:$default} defaults.
            var defined = scope.Parameters.Raw(referenced) is not null || _defaults.LegacyParameters.Contains(referenced);
            references.Add(new ValueReference(referenced, file.Span(span.Start, span.Length), defined, name));
        }

        return null;
    }
}

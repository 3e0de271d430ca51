using System.Collections.Immutable;
using MtaLint.Text;

namespace MtaLint.Syntax.Templates.Variables;

/// <summary>
/// One variable a template can read, with its default and where that default is written (the value in
/// <c>defaults/main.yml</c>, the literal after <c>=</c> in a Puppet class, the right side of a Chef attribute).
/// <see cref="Name"/> is how the template names it: <c>postfix_banner</c>, <c>postfix::banner</c>,
/// <c>node['postfix']['banner']</c>.
/// </summary>
public sealed record TemplateVariable(string Name, TemplateValue Value, SourceSpan At);

/// <summary>Where a template's variables come from; it decides which names are read and how a missing one behaves.</summary>
public enum VariableSource
{
    /// <summary>No defaults file was found: every name is unknown.</summary>
    None,

    /// <summary>An Ansible role's <c>defaults/main.yml</c> and <c>vars/main.yml</c>.</summary>
    AnsibleRole,

    /// <summary>A Puppet module's class parameters (<c>manifests/init.pp</c>) and <c>params.pp</c>.</summary>
    PuppetModule,

    /// <summary>A Chef cookbook's <c>attributes/default.rb</c> (read as <c>node[...]</c>).</summary>
    ChefCookbook,
}

/// <summary>
/// The variables a template is judged with, by name, and what could not be read (a defaults file that is not
/// valid YAML, too big, an alias bomb: a warning at its file:line:column; its variables are then unknown).
/// Immutable; <see cref="Empty"/> knows nothing.
/// </summary>
public sealed class TemplateVariables
{
    private readonly ImmutableDictionary<string, TemplateVariable> _byName;

    public TemplateVariables(VariableSource source, IEnumerable<TemplateVariable> variables, IEnumerable<SyntaxError>? warnings = null, IEnumerable<SourceFile>? files = null)
    {
        Source = source;
        var builder = ImmutableDictionary.CreateBuilder<string, TemplateVariable>(StringComparer.Ordinal);
        foreach (var v in variables)
        {
            builder[v.Name] = v; // a later one wins: vars/main.yml over defaults/main.yml
        }

        _byName = builder.ToImmutable();
        Warnings = [.. warnings ?? []];
        Files = [.. files ?? []];
    }

    public static TemplateVariables Empty { get; } = new(VariableSource.None, []);

    public VariableSource Source { get; }

    public IReadOnlyCollection<TemplateVariable> All => [.. _byName.Values.OrderBy(v => v.Name, StringComparer.Ordinal)];

    /// <summary>The files the variables were read from, in the order they were read (later ones win).</summary>
    public ImmutableArray<SourceFile> Files { get; }

    public ImmutableArray<SyntaxError> Warnings { get; }

    public int Count => _byName.Count;

    public TemplateVariable? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>These variables with <paramref name="later"/>'s on top (same name: the later one).</summary>
    public TemplateVariables Then(TemplateVariables later) =>
        new(later.Source == VariableSource.None ? Source : later.Source, _byName.Values.Concat(later._byName.Values), Warnings.Concat(later.Warnings), Files.Concat(later.Files));
}

using MtaLint.Syntax.Exim;

namespace MtaLint.Model.Exim;

/// <summary>A condition or modifier of an ACL statement: <c>[!]name [= value]</c>.</summary>
internal sealed record EximAclCondition(string Name, bool Negated, MappedText Value);

/// <summary>One ACL statement: a verb with its conditions and modifiers.</summary>
internal sealed record EximAclStatement(string Verb, IReadOnlyList<EximAclCondition> Conditions, EximLogicalLine Line)
{
    /// <summary>Modifiers change what happens, not whether the statement applies.</summary>
    private static readonly HashSet<string> Modifiers =
    [
        "message", "log_message", "logwrite", "control", "set", "add_header", "remove_header", "delay", "endpass", "continue", "udpsend", "queue", "log_reject_target",
    ];

    public IEnumerable<EximAclCondition> RealConditions => Conditions.Where(c => !Modifiers.Contains(c.Name));
}

/// <summary>The ACLs of the <c>begin acl</c> section, by name.</summary>
internal sealed class EximAcls
{
    private static readonly HashSet<string> Verbs = ["accept", "defer", "deny", "discard", "drop", "require", "warn"];

    private readonly Dictionary<string, List<EximAclStatement>> _acls = new(StringComparer.Ordinal);

    public EximAcls(IEnumerable<EximStatement> statements)
    {
        List<EximAclStatement>? current = null;
        string? verb = null;
        List<EximAclCondition>? conditions = null;
        EximLogicalLine? line = null;
        foreach (var statement in statements.Where(s => s.Section == EximSection.Acl))
        {
            switch (statement)
            {
                case EximBlockHeader header:
                    Flush();
                    current = [];
                    _acls[header.Name] = current;
                    break;
                case EximRuleLine rule when current is not null:
                    var text = rule.Line.Text;
                    var word = FirstWord(text.Text);
                    var rest = text;
                    if (Verbs.Contains(word))
                    {
                        Flush();
                        verb = word;
                        conditions = [];
                        line = rule.Line;
                        rest = text.Slice(word.Length).TrimStart();
                    }

                    if (conditions is not null && rest.Length > 0)
                    {
                        conditions.Add(ParseCondition(rest));
                    }

                    break;
            }
        }

        Flush();

        void Flush()
        {
            if (current is not null && verb is not null && conditions is not null && line is not null)
            {
                current.Add(new EximAclStatement(verb, conditions, line));
            }

            verb = null;
            conditions = null;
        }
    }

    public IReadOnlyList<EximAclStatement>? Find(string name) => _acls.TryGetValue(name, out var acl) ? acl : null;

    private static string FirstWord(string text)
    {
        var i = 0;
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
        {
            i++;
        }

        return text[..i];
    }

    private static EximAclCondition ParseCondition(MappedText text)
    {
        var negated = text.Text.StartsWith('!');
        var rest = negated ? text.Slice(1).TrimStart() : text;
        var name = FirstWord(rest.Text);
        rest = rest.Slice(name.Length).TrimStart();
        if (rest.Length > 0 && rest.Text[0] == '=')
        {
            rest = rest.Slice(1).TrimStart();
        }

        return new EximAclCondition(name, negated, rest);
    }
}

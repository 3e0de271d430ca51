using MtaLint.Syntax.Exim;
using MtaLint.Text;

namespace MtaLint.Model.Exim;

/// <summary>Whom the RCPT ACL lets relay: the hosts it accepts, and whether it restricts the domains mail may go to.</summary>
internal static class EximRelay
{
    /// <param name="rcpt">acl_smtp_rcpt.</param>
    /// <param name="statements">The config's statements, for the named host lists an ACL refers to.</param>
    public static RelayPolicy Policy(ConfigValue rcpt, EximAcls acls, IReadOnlyList<EximStatement> statements)
    {
        var name = rcpt.Raw.Trim();
        var aclStatements = name.Length == 0 ? null : name == "accept" ? [] : acls.Find(name);
        var networks = new List<TrustedNetwork>();
        var restricts = true;
        if (name == "accept")
        {
            restricts = false;
        }
        else if (aclStatements is not null)
        {
            var restricted = false;
            foreach (var statement in aclStatements)
            {
                var conditions = statement.RealConditions.ToList();
                if (statement.Verb == "accept")
                {
                    foreach (var hosts in conditions.Where(c => c.Name == "hosts" && !c.Negated))
                    {
                        networks.AddRange(HostItems(hosts.Value, statements));
                    }

                    if (!restricted && conditions.All(IsAlwaysTrue))
                    {
                        restricts = false;
                        break;
                    }
                }
                else if (statement.Verb is "require" or "deny" or "drop" or "defer"
                         && conditions.Any(c => c.Name == "domains" && (statement.Verb == "require") != c.Negated))
                {
                    restricted = true;
                }
            }
        }

        return new RelayPolicy { TrustedNetworks = networks, RestrictsUnauthorizedDestinations = restricts };
    }

    private static bool IsAlwaysTrue(EximAclCondition c) =>
        !c.Negated && c.Name is "hosts" or "domains" or "senders" or "local_parts" && c.Value.Text.Trim() == "*";

    /// <summary>The items of a host list, those of a named list (<c>+name</c>) in its place.</summary>
    private static IEnumerable<TrustedNetwork> HostItems(MappedText list, IReadOnlyList<EximStatement> statements)
    {
        foreach (var item in EximList.Split(list.Text))
        {
            if (item.StartsWith('+'))
            {
                var named = statements.OfType<EximNamedList>().LastOrDefault(l => l.Kind.StartsWith("hostlist", StringComparison.Ordinal) && l.Name == item[1..]);
                if (named is not null)
                {
                    foreach (var inner in EximList.Split(named.Value.Text))
                    {
                        yield return new TrustedNetwork(inner, IsEveryone(inner), SpanOfItem(named.Value, inner));
                    }
                }

                continue;
            }

            yield return new TrustedNetwork(item, IsEveryone(item), SpanOfItem(list, item));
        }
    }

    private static SourceSpan? SpanOfItem(MappedText list, string item)
    {
        var at = list.Text.IndexOf(item, StringComparison.Ordinal);
        return at < 0 ? list.DisplaySpan(0, list.Length) : list.DisplaySpan(at, item.Length);
    }

    private static bool IsEveryone(string item) => item is "*" or "0.0.0.0/0" or "::/0" or "0/0" or "::0/0" or "0.0.0.0/0.0.0.0";
}

namespace MtaLint.Model.Postfix;

/// <summary>
/// smtpd's restriction lists as <c>smtpd_check_init</c> reads them in one process (main.cf, or a
/// master.cf service with its <c>-o</c> overrides): the words of each list, the restriction classes
/// (<c>smtpd_restriction_classes</c>, each a parameter holding a list), and the start-up check that
/// refuses to run without a restriction that refuses relaying.
/// </summary>
internal sealed class PostfixRestrictions
{
    /// <summary>smtpd_check.c's <c>rcpt_required</c>: at least one of these must be reachable in either list, or smtpd exits.</summary>
    public static readonly IReadOnlyList<string> Working =
        ["reject_unauth_destination", "defer_unauth_destination", "reject", "defer", "defer_if_permit", "check_relay_domains"];

    /// <summary>The fatal error smtpd exits with when neither list reaches a working restriction, word for word (fail_required).</summary>
    public static readonly string NoWorkingInstance =
        "in parameter smtpd_relay_restrictions or smtpd_recipient_restrictions, specify at least one working instance of: "
        + string.Join(", ", Working.Take(Working.Count - 1)) + " or " + Working[^1];

    /// <summary>How deep a class may list another: Postfix recurses without a bound; a class that lists itself would never end there.</summary>
    private const int MaxClassDepth = 100;

    private readonly Dictionary<string, IReadOnlyList<string>> _classes = new(StringComparer.Ordinal);

    public PostfixRestrictions(PostfixScope scope)
    {
        foreach (var name in ClassNames(scope.Expanded("smtpd_restriction_classes")))
        {
            var value = scope.Parameters.Expanded(name);
            if (string.IsNullOrEmpty(value))
            {
                UndefinedClasses.Add(name);
            }
            else
            {
                _classes[name] = Words(value);
            }
        }

        // Built in: smtpd_check_init enters it after the configured classes.
        _classes["reject_sender_login_mismatch"] = ["reject_authenticated_sender_login_mismatch", "reject_unauthenticated_sender_login_mismatch"];
        RelayList = Words(scope.Expanded("smtpd_relay_restrictions"));
        RecipientList = Words(scope.Expanded("smtpd_recipient_restrictions"));
    }

    public IReadOnlyList<string> RelayList { get; }

    public IReadOnlyList<string> RecipientList { get; }

    /// <summary>Classes named in <c>smtpd_restriction_classes</c> whose parameter is unset or empty: smtpd exits with "restriction class `NAME' needs a definition".</summary>
    public List<string> UndefinedClasses { get; } = [];

    /// <summary>smtpd starts: one of the lists reaches a working restriction before a plain <c>permit</c>.</summary>
    public bool HasWorkingInstance => HasRequired(RecipientList, 0) || HasRequired(RelayList, 0);

    /// <summary>
    /// has_required: a working restriction, or a class whose list has one, before the first plain
    /// <c>permit</c> (which ends the list); the word after <c>warn_if_reject</c> does not count.
    /// Restriction names compare without case, class names with it.
    /// </summary>
    public bool HasRequired(IReadOnlyList<string> list, int depth)
    {
        for (var i = 0; i < list.Count; i++)
        {
            var word = list[i];
            if (word.Equals("warn_if_reject", StringComparison.OrdinalIgnoreCase) && i + 1 < list.Count)
            {
                i++;
                continue;
            }

            if (word.Equals("permit", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            if (IsWorking(word))
            {
                return true;
            }

            if (depth < MaxClassDepth && _classes.TryGetValue(word, out var members) && HasRequired(members, depth + 1))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsWorking(string word) => Working.Contains(word, StringComparer.OrdinalIgnoreCase);

    /// <summary>A class's list, or null when the word is no class.</summary>
    public IReadOnlyList<string>? ClassMembers(string word) => _classes.GetValueOrDefault(word);

    /// <summary>
    /// The words of a restriction list as smtpd_check_parse splits them (mystrtokq): commas and blanks
    /// separate, and a <c>{...}</c> group, such as the options of <c>check_policy_service</c>, is one word.
    /// </summary>
    public static List<string> Words(string value)
    {
        var words = new List<string>();
        var i = 0;
        while (true)
        {
            while (i < value.Length && IsSeparator(value[i]))
            {
                i++;
            }

            if (i >= value.Length)
            {
                return words;
            }

            var start = i;
            var level = 0;
            for (; i < value.Length; i++)
            {
                var c = value[i];
                if (c == '{')
                {
                    level++;
                }
                else if (c == '}' && level > 0)
                {
                    level--;
                }
                else if (level == 0 && IsSeparator(c))
                {
                    break;
                }
            }

            words.Add(value[start..i]);
        }
    }

    /// <summary>The class names of <c>smtpd_restriction_classes</c> (mystrtok: commas and blanks, no braces).</summary>
    private static IEnumerable<string> ClassNames(string value) =>
        value.Split([',', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);

    private static bool IsSeparator(char c) => c is ',' or ' ' or '\t' or '\r' or '\n';
}

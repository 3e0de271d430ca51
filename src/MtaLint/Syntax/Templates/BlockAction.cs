namespace MtaLint.Syntax.Templates;

/// <summary>What one piece of a tag's code does to the block structure.</summary>
internal enum BlockActionKind
{
    Open,
    Continue,
    Close,
}

/// <summary>
/// One structural step found in a tag's code: open a block with its first branch, continue the innermost block
/// with a branch, or close it. <see cref="Closer"/> is what closes the block (<c>end</c> or <c>}</c>).
/// </summary>
internal sealed record BlockAction(BlockActionKind Kind, string Keyword, char Closer)
{
    public TemplateBlockKind BlockKind { get; init; } = TemplateBlockKind.Other;

    public MtaLint.Text.TextSpan Condition { get; init; }

    public bool Negated { get; init; }

    public TemplateLoop? Loop { get; init; }

    /// <summary>
    /// Drops the blocks a tag both opens and closes (<c>&lt;% if a then b end %&gt;</c>, a hash literal): they hold no
    /// template text. What is left is what the tag does to the blocks around it.
    /// </summary>
    public static List<BlockAction> WithoutInnerBlocks(List<BlockAction> actions)
    {
        var result = new List<BlockAction>();
        var local = 0;
        foreach (var action in actions)
        {
            switch (action.Kind)
            {
                case BlockActionKind.Open:
                    local++;
                    result.Add(action);
                    break;
                case BlockActionKind.Continue when local > 0:
                    break;
                case BlockActionKind.Close when local > 0:
                    local--;
                    var opened = result.FindLastIndex(a => a.Kind == BlockActionKind.Open);
                    result.RemoveRange(opened, result.Count - opened);
                    break;
                default:
                    result.Add(action);
                    break;
            }
        }

        return result;
    }
}

/// <summary>Applies the structural steps of each tag to the block tree, checking that <c>end</c> and <c>}</c> close what they should.</summary>
internal static class BlockActions
{
    public static void Apply(string text, IReadOnlyList<TemplateToken> tokens, BlockTreeBuilder tree, Func<TemplateToken, List<BlockAction>> read, string engine)
    {
        var closers = new List<char>();
        foreach (var token in tokens)
        {
            if (token.Kind is not (TemplateTokenKind.Statement or TemplateTokenKind.Expression) || tree.Errors.Count > 0)
            {
                continue;
            }

            foreach (var action in BlockAction.WithoutInnerBlocks(read(token)))
            {
                switch (action.Kind)
                {
                    case BlockActionKind.Open:
                        tree.Open(action.BlockKind, Branch(text, token, action));
                        closers.Add(action.Closer);
                        break;
                    case BlockActionKind.Continue when tree.Innermost is { } open && closers[^1] == action.Closer && CanContinue(open, action.Keyword):
                        tree.Continue(Branch(text, token, action));
                        break;
                    case BlockActionKind.Close when tree.Innermost is not null && closers[^1] == action.Closer:
                        tree.Close(token);
                        closers.RemoveAt(closers.Count - 1);
                        break;
                    default:
                        tree.Error(token, tree.Innermost is { } inner
                            ? $"unexpected '{action.Keyword}' in {engine}: the innermost open block is '{inner.Keyword}' at {tree.Where(inner.Opener)}, closed by '{(closers[^1] == '}' ? "}" : "end")}'"
                            : $"unexpected '{action.Keyword}' in {engine}: no block is open");
                        break;
                }

                if (tree.Errors.Count > 0)
                {
                    break;
                }
            }
        }

        tree.Finish(block => $"'{block.Keyword}' at {tree.Where(block.Opener)} is never closed in {engine}");
    }

    /// <summary><c>else</c> may follow any branch but another <c>else</c>; <c>elsif</c> and <c>when</c> only an <c>if</c>/<c>unless</c> or <c>case</c>.</summary>
    private static bool CanContinue(TemplateBlock open, string keyword) => keyword switch
    {
        "else" => open.Last.Keyword != "else",
        "elsif" => open.Keyword is "if" or "unless" && open.Last.Keyword != "else",
        "when" => open.Keyword == "case" && open.Last.Keyword != "else",
        _ => open.Keyword == "begin",
    };

    private static TemplateBranch Branch(string text, TemplateToken token, BlockAction action) => new(
        action.Keyword,
        token,
        action.Condition,
        action.Condition.Length > 0 ? text.Substring(action.Condition.Start, action.Condition.Length) : null,
        action.Negated,
        action.Loop);
}

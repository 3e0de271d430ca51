using MtaLint.Text;

namespace MtaLint.Syntax.Templates;

/// <summary>
/// A template read losslessly: its tokens (literal text and tags, covering the file exactly), its block tree
/// (which text is inside which condition or loop), and what the engine would refuse (unclosed tags and blocks).
/// </summary>
public sealed class TemplateDocument
{
    private TemplateDocument(SourceFile file, TemplateOptions options, IReadOnlyList<TemplateToken> tokens, IReadOnlyList<TemplateBlock> blocks, IReadOnlyList<SyntaxError> errors)
    {
        File = file;
        Options = options;
        Tokens = tokens;
        Blocks = blocks;
        Errors = errors;
    }

    public SourceFile File { get; }

    /// <summary>The options the template was read with; for Ansible with a <c>#jinja2:</c> header, the ones it sets.</summary>
    public TemplateOptions Options { get; }

    public IReadOnlyList<TemplateToken> Tokens { get; }

    /// <summary>The outermost blocks, in order.</summary>
    public IReadOnlyList<TemplateBlock> Blocks { get; }

    public IReadOnlyList<SyntaxError> Errors { get; }

    public static TemplateDocument Parse(SourceFile file, TemplateOptions options)
    {
        var tokens = new TokenList(file);
        var tree = new BlockTreeBuilder(file);
        switch (options)
        {
            case JinjaOptions jinja:
                var start = 0;
                if (jinja.ReadsOverrideHeader && AnsibleHeader.Read(file, tokens) is { } header)
                {
                    jinja = header.Apply(jinja, tokens);
                    options = jinja;
                    start = tokens.End;
                }

                if (tokens.Errors.Count == 0)
                {
                    JinjaLexer.Lex(tokens, jinja, start);
                }

                if (tokens.Errors.Count == 0)
                {
                    JinjaBlockParser.Parse(file.Text, tokens.Tokens, tree);
                }

                break;
            case ErbOptions { Scanner: ErbScanner.Epp }:
                EppLexer.Lex(tokens);
                if (tokens.Errors.Count == 0)
                {
                    BlockActions.Apply(file.Text, tokens.Tokens, tree, t => PuppetBlockReader.Read(file.Text, t), "EPP");
                }

                break;
            case ErbOptions erb:
                ErbLexer.Lex(tokens, erb.Scanner);
                if (tokens.Errors.Count == 0)
                {
                    BlockActions.Apply(file.Text, tokens.Tokens, tree, t => RubyBlockReader.Read(file.Text, t), "ERB");
                }

                break;
            default:
                throw new ArgumentException("unknown template options " + options.GetType().Name, nameof(options));
        }

        tokens.Finish();
        return new TemplateDocument(file, options, tokens.Tokens, tree.Roots, [.. tokens.Errors, .. tree.Errors]);
    }

    /// <summary>The branches that contain <paramref name="offset"/>, outermost first (empty at the top level).</summary>
    public IReadOnlyList<TemplateBranch> BranchesAt(int offset)
    {
        var chain = new List<TemplateBranch>();
        var blocks = Blocks;
        while (true)
        {
            var branch = blocks.SelectMany(b => b.Branches).FirstOrDefault(b => b.Body.Start <= offset && offset < b.Body.End);
            if (branch is null)
            {
                return chain;
            }

            chain.Add(branch);
            blocks = branch.Blocks;
        }
    }

    /// <summary>The token that contains <paramref name="offset"/>.</summary>
    public TemplateToken TokenAt(int offset)
    {
        var lo = 0;
        var hi = Tokens.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (Tokens[mid].Span.Start <= offset)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return Tokens[lo];
    }
}

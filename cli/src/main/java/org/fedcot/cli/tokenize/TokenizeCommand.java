package org.fedcot.cli.tokenize;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.fedcot.cli.TerminalText;
import org.fedcot.models.tokenizer.Tokenizer;
import org.fedcot.models.tokenizer.TokenizerException;
import org.fedcot.models.tokenizer.Tokenizers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fedcot tokenize}: text to token ids, or ({@code --decode}) ids back to text, with any
 * tokenizer {@link Tokenizers#load} reads.
 */
@Command(
        name = "tokenize",
        mixinStandardHelpOptions = true,
        description = {
            "Print the token ids of TEXT, space-separated on one line, or with --decode the text of the ids.",
            "Special tokens written in TEXT are recognised where the format has them (tokenizer.json)."
        })
public final class TokenizeCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--tokenizer",
            required = true,
            paramLabel = "PATH",
            description = "A tokenizer.json, GPT-2's encoder.json/vocab.bpe, a llama2.c tokenizer.bin, "
                    + "or a directory holding one of them.")
    Path tokenizerPath;

    @Option(names = "--no-special", description = "Add no BOS/EOS around the ids.")
    boolean noSpecial;

    @Option(names = "--decode", arity = "1..*", paramLabel = "ID", description = "Decode these ids instead.")
    List<Integer> decodeIds;

    @Parameters(arity = "0..1", paramLabel = "TEXT", description = "The text to tokenize (quote it).")
    String text;

    @Override
    public Integer call() throws TokenizerException {
        CommandLine cl = spec.commandLine();
        if (decodeIds != null && text != null) {
            throw new CommandLine.ParameterException(cl, "--decode takes token ids only: '" + text + "' is not one");
        }
        if (decodeIds != null && noSpecial) {
            throw new CommandLine.ParameterException(cl, "--no-special applies to encoding, not to --decode");
        }
        if (decodeIds == null && text == null) {
            throw new CommandLine.ParameterException(cl, "Missing TEXT to tokenize (or --decode ID...)");
        }
        Tokenizer tokenizer = Tokenizers.load(tokenizerPath);
        String out = decodeIds != null ? decode(tokenizer, decodeIds) : encode(tokenizer, text, !noSpecial);
        cl.getOut().println(out);
        cl.getOut().flush();
        return 0;
    }

    private static String encode(Tokenizer tokenizer, String text, boolean addSpecial) {
        return IntStream.of(tokenizer.encode(text, addSpecial))
                .mapToObj(Integer::toString)
                .collect(Collectors.joining(" "));
    }

    private static String decode(Tokenizer tokenizer, List<Integer> ids) {
        for (int id : ids) {
            if (id < 0 || id >= tokenizer.vocabSize()) {
                throw new IllegalArgumentException(
                        "token id " + id + " is out of range: the tokenizer has ids 0.." + (tokenizer.vocabSize() - 1));
            }
        }
        // the decoded text may hold any character, ESC too: shown, not obeyed
        return TerminalText.keepingLines(
                tokenizer.decode(ids.stream().mapToInt(Integer::intValue).toArray()));
    }
}

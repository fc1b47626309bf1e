package org.fedcot.cli.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.fedcot.models.checkpoint.HfConfig;

/** The files of a model directory besides its weights and config: tokenizer, generation config, chat template. */
public final class TokenizerFiles {
    private TokenizerFiles() {}

    /** Copies {@code from}'s other files (tokenizer, generation config) into {@code to}, so it is a complete model directory. */
    public static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                boolean weightsOrConfig = name.equals(HfConfig.FILE_NAME)
                        || name.endsWith(".safetensors")
                        || name.endsWith(".safetensors.index.json")
                        || name.startsWith("pytorch_model");
                if (!weightsOrConfig) {
                    Files.copy(f, to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}

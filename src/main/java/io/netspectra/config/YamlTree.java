package io.netspectra.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.Reader;

/**
 * Parses YAML text into SnakeYAML's node tree, which the config and rules loaders read with line numbers, and
 * nothing more. It is what {@code new Yaml(options).compose(reader)} does without building a {@code Yaml}: that
 * object also builds a constructor and a representer for Java beans, and SnakeYAML's bean support starts
 * {@code java.util.logging}, 10-25 ms of every start-up that a node tree does not need (docs/performance.md).
 */
public final class YamlTree {
    private YamlTree() {
    }

    /**
     * Returns the single document of {@code yaml}, or null when it has none; throws SnakeYAML's
     * {@code YAMLException} (a {@code MarkedYAMLException} with a position where it has one) for invalid YAML.
     */
    public static Node compose(Reader yaml) {
        LoaderOptions options = new LoaderOptions();
        return new Composer(new ParserImpl(new StreamReader(yaml), options), new Resolver(), options).getSingleNode();
    }
}

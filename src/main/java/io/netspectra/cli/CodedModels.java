package io.netspectra.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Pieces for picocli models built in code rather than read from annotations (see {@link NsCli} for why), and for
 * reading the parsed values back out of them. Options keep picocli's defaults: a flag is a {@code boolean} of arity
 * 0; an option not given reads as null, or as its default value when it has one.
 */
final class CodedModels {
    private CodedModels() {
    }

    /**
     * Returns the model of a subcommand named {@code name} whose parsed values {@code command} reads, with its help
     * description (one paragraph per string) and its options listed in the order they are added.
     */
    static CommandSpec subcommand(Object command, String name, String... description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(name);
        spec.usageMessage().sortOptions(false).description(description);
        return spec;
    }

    /** Returns a flag: an option taking no value. */
    static OptionSpec flag(String description, String... names) {
        return OptionSpec.builder(names).type(boolean.class).description(description).build();
    }

    /** Returns an option taking one value of {@code type}, shown as {@code label} in help. */
    static OptionSpec valued(Class<?> type, String label, String description, String... names) {
        return OptionSpec.builder(names).type(type).paramLabel(label).description(description).build();
    }

    /** As {@link #valued}, with the default value {@code defaultValue} (shown by {@code ${DEFAULT-VALUE}}). */
    static OptionSpec defaulted(Class<?> type, String label, String defaultValue, String description,
                                String... names) {
        return OptionSpec.builder(names).type(type).paramLabel(label).defaultValue(defaultValue)
                .description(description).build();
    }

    /** Returns a required positional parameter taking one value of {@code type} at {@code index}. */
    static PositionalParamSpec positional(int index, Class<?> type, String label, String description) {
        return PositionalParamSpec.builder().index(String.valueOf(index)).required(true).type(type).paramLabel(label)
                .description(description).build();
    }

    /** Returns the required positional parameters taking one or more strings, all of them, as a list. */
    static PositionalParamSpec positionals(String label, String description) {
        return PositionalParamSpec.builder().arity("1..*").required(true).type(java.util.List.class)
                .auxiliaryTypes(String.class).paramLabel(label).description(description).build();
    }

    /**
     * Adds {@code -h, --help} and {@code -V, --version} as picocli's {@code mixinStandardHelpOptions} adds them to an
     * annotated model (which it does by reading its own annotations).
     */
    static void addStandardHelp(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
    }

    /** Returns the parsed value of {@code spec}'s option named {@code name} (null when not given and no default). */
    static <T> T value(CommandSpec spec, String name) {
        return spec.findOption(name).getValue();
    }

    /** Returns whether {@code spec}'s flag named {@code name} was given. */
    static boolean isSet(CommandSpec spec, String name) {
        return Boolean.TRUE.equals(spec.findOption(name).getValue());
    }

    /** Returns the parsed value of {@code spec}'s positional parameter number {@code index}. */
    static <T> T positionalValue(CommandSpec spec, int index) {
        return spec.positionalParameters().get(index).getValue();
    }
}

package com.practicescheduler.platform.testing;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.practicescheduler.platform.Port;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The modularity rules of a side, whose features are the direct sub-packages of {@code root}: a feature uses
 * another only through its {@link Port} types (and the {@code shared-api} messages, which are outside
 * {@code root}), features form no cycle, and each feature's SQL names only its own tables.
 */
public final class FeatureModules {

    private static final Pattern CREATE_TABLE =
            Pattern.compile("(?i)create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_][a-z0-9_]*)");
    /** A Java string literal or text block. */
    private static final Pattern STRING = Pattern.compile("\"\"\"(.*?)\"\"\"|\"((?:[^\"\\\\\\n]|\\\\.)*)\"",
            Pattern.DOTALL);
    private static final Pattern SQL_START =
            Pattern.compile("(?is)^\\s*(select|insert|update|delete|with|merge|truncate)\\b.*");
    private static final Pattern SQL_TABLE =
            Pattern.compile("(?i)\\b(?:from|join|into|update|table)\\s+([a-z_][a-z0-9_]*)");

    private final String root;
    private final String[] shared;
    private final String wiring;

    /**
     * @param wiring the sub-package that assembles the application (it may use every feature)
     * @param shared sub-packages every feature may use (kernel types, read-model plumbing)
     */
    private FeatureModules(String root, String wiring, String... shared) {
        this.root = root;
        this.wiring = wiring;
        this.shared = Arrays.stream(shared).map(name -> root + "." + name + "..").toArray(String[]::new);
    }

    public static FeatureModules of(String root, String wiring, String... shared) {
        return new FeatureModules(root, wiring, shared);
    }

    /** The project's production classes on the test's class path: the side under test, shared-api and platform. */
    public static JavaClasses productionClasses() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.practicescheduler");
    }

    /** A feature reaches into another only through a {@link Port} type or a type nested in one. */
    public ArchRule featuresUseEachOtherOnlyThroughPorts() {
        return slices().matching(root + ".(*)..").namingSlices("feature $1")
                .should().notDependOnEachOther()
                .ignoreDependency(resideInAnyPackage(root + "." + wiring + ".."), alwaysTrue())
                .ignoreDependency(alwaysTrue(), resideInAnyPackage(shared))
                .ignoreDependency(alwaysTrue(), PORT)
                .because("features talk through shared-api messages or a named port, never through another"
                        + " feature's internals");
    }

    /** No two features need each other, through ports or otherwise. */
    public ArchRule featuresFormNoCycle() {
        return slices().matching(root + ".(*)..").namingSlices("feature $1").should().beFreeOfCycles();
    }

    private static final DescribedPredicate<JavaClass> PORT = new DescribedPredicate<>("a @Port or nested in one") {
        @Override
        public boolean test(JavaClass type) {
            for (Optional<JavaClass> t = Optional.of(type); t.isPresent(); t = t.get().getEnclosingClass()) {
                if (t.get().isAnnotatedWith(Port.class)) {
                    return true;
                }
            }
            return false;
        }
    };

    /** The tables the migrations in {@code directories} create. */
    public static Set<String> tablesCreatedIn(Collection<Path> directories) {
        Set<String> tables = new TreeSet<>();
        for (Path directory : directories) {
            for (Path file : files(directory, ".sql")) {
                Matcher m = CREATE_TABLE.matcher(read(file));
                while (m.find()) {
                    tables.add(m.group(1).toLowerCase());
                }
            }
        }
        return tables;
    }

    /** Per feature (direct sub-package of {@code root} under {@code sources}), the tables its SQL strings name. */
    public Map<String, Set<String>> tablesNamedByFeature(Path sources) {
        Path base = sources.resolve(root.replace('.', '/'));
        Map<String, Set<String>> named = new TreeMap<>();
        for (Path file : files(base, ".java")) {
            Path relative = base.relativize(file);
            if (relative.getNameCount() < 2) {
                continue;
            }
            Set<String> tables = tablesNamedIn(read(file));
            if (!tables.isEmpty()) {
                named.computeIfAbsent(relative.getName(0).toString(), k -> new TreeSet<>()).addAll(tables);
            }
        }
        return named;
    }

    /** The tables that SQL statements in the string literals of {@code java} name. */
    static Set<String> tablesNamedIn(String java) {
        Set<String> tables = new TreeSet<>();
        Matcher string = STRING.matcher(java);
        while (string.find()) {
            String text = string.group(1) != null ? string.group(1) : string.group(2);
            if (SQL_START.matcher(text).matches()) {
                Matcher table = SQL_TABLE.matcher(text);
                while (table.find()) {
                    tables.add(table.group(1).toLowerCase());
                }
            }
        }
        return tables;
    }

    private static Set<Path> files(Path directory, String suffix) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).collect(TreeSet::new, Set::add, Set::addAll);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dlg.daemon;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Rules over the whole product as the daemon (the top module) sees it: this module's classes and
 * tests plus the main classes of dlg-core, dlg-manager and dlg-web.
 */
@AnalyzeClasses(packages = "dlg", importOptions = ArchitectureTest.NotOtherModulesTests.class)
class ArchitectureTest {

    /**
     * The modules' code and this module's tests, as before dlg-manager's tests jar (its shared
     * test helpers) came onto this module's test classpath: other modules' tests are checked by
     * their own ArchitectureTest.
     */
    static final class NotOtherModulesTests implements ImportOption {
        @Override
        public boolean includes(Location location) {
            boolean otherTests = location.contains("-tests.jar") // packaged, or as the reactor hands them over:
                    || location.contains("/target/test-classes/") && !location.contains("/dlg-daemon/target/test-classes/");
            return !otherTests;
        }
    }

    @ArchTest
    static final ArchRule modulesAreLayered = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true) // a module without classes yet (dlg-web) is no violation
            .layer("core").definedBy("dlg.core..")
            .layer("manager").definedBy("dlg.manager..")
            .layer("web").definedBy("dlg.web..")
            .layer("daemon").definedBy("dlg.daemon..")
            .whereLayer("daemon").mayNotBeAccessedByAnyLayer()
            .whereLayer("web").mayOnlyBeAccessedByLayers("daemon")
            .whereLayer("manager").mayOnlyBeAccessedByLayers("web", "daemon")
            .because("dependencies point one way: core <- manager <- web <- daemon");

    @ArchTest
    static final ArchRule onlyTheDaemonHasACommandLine = noClasses().that().resideOutsideOfPackage("dlg.daemon..")
            .should().dependOnClassesThat().resideInAPackage("picocli..")
            .because("picocli is the daemon's");

    @ArchTest
    static final ArchRule onlyTheDaemonConfiguresLogging = noClasses()
            .that().resideOutsideOfPackages("dlg.daemon..", "dlg.manager.logs..")
            .should().dependOnClassesThat().resideInAPackage("ch.qos.logback..")
            .because("libraries log through SLF4J; the runnable jar chooses and configures Logback, and the"
                    + " NodeManager's session logs (per-session files, per-drop entries) are a Logback filter");

    @ArchTest
    static final ArchRule noMocks = noClasses().should().dependOnClassesThat().resideInAPackage("org.mockito..")
            .because("dlg uses hand-written Testing* fakes, not Mockito");
}

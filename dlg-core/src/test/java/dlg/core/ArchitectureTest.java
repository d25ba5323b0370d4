package dlg.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** dlg-core's module rules: the DROP model and the engine know nothing of transports, the CLI or the modules above. */
@AnalyzeClasses(packages = "dlg.core")
class ArchitectureTest {

    @ArchTest
    static final ArchRule coreIsTransportFree = noClasses().that().resideInAPackage("dlg.core..")
            .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.zeromq..", "picocli..")
            .because("HTTP, ZeroMQ and the command line belong to dlg-manager and dlg-daemon");

    @ArchTest
    static final ArchRule coreKnowsNoModuleAboveIt = noClasses().that().resideInAPackage("dlg.core..")
            .should().dependOnClassesThat().resideInAnyPackage("dlg.manager..", "dlg.web..", "dlg.daemon..")
            .because("dependencies point one way: core <- manager <- web <- daemon");

    @ArchTest
    static final ArchRule noMocks = noClasses().should().dependOnClassesThat().resideInAPackage("org.mockito..")
            .because("dlg uses hand-written Testing* fakes, not Mockito");
}

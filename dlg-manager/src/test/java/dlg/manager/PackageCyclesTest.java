package dlg.manager;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * dlg-manager's packages import each other one way: the model ({@code dlg.manager}) at the
 * bottom, the process wiring ({@code dlg.manager.service}) on top. Production code only: a test
 * may start a whole service wherever it lives.
 */
@AnalyzeClasses(packages = "dlg.manager", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageCyclesTest {

    /** The root package counts as a slice of its own ({@code matching("dlg.manager.(*)..")} would leave it out). */
    private static final SliceAssignment PACKAGES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String p = c.getPackageName();
            if (p.equals("dlg.manager")) {
                return SliceIdentifier.of(p);
            }
            if (!p.startsWith("dlg.manager.")) {
                return SliceIdentifier.ignore();
            }
            int dot = p.indexOf('.', "dlg.manager.".length());
            return SliceIdentifier.of(dot < 0 ? p : p.substring(0, dot));
        }

        @Override
        public String getDescription() {
            return "dlg.manager and each of its sub-packages";
        }
    };

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().assignedFrom(PACKAGES).should().beFreeOfCycles()
            .because("each package can then be read, tested and changed from the bottom up");
}

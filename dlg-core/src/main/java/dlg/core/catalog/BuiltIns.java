package dlg.core.catalog;

import dlg.core.app.Application;
import dlg.core.app.ParamSpec;
import dlg.core.apps.BashShellApp;
import dlg.core.apps.CopyApp;
import dlg.core.apps.GenericGatherApp;
import dlg.core.apps.GenericNpyGatherApp;
import dlg.core.apps.GenericScatterApp;
import dlg.core.apps.HelloWorldApp;
import dlg.core.apps.Listifier;
import dlg.core.apps.NullBarrierApp;
import dlg.core.apps.PickOne;
import dlg.core.apps.PyFuncApp;
import dlg.core.apps.RandomArrayApp;
import dlg.core.apps.ResultTransmitter;
import dlg.core.apps.SimpleBranch;
import dlg.core.apps.SleepAndCopyApp;
import dlg.core.apps.SleepApp;
import dlg.core.apps.SocketListenerApp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** DALiuGE's built-in drop classes (protocol reference section 11), under their Python names. */
final class BuiltIns {

    /** Parameters every application understands: InputFiredAppDROP's, and dlg's time limits. */
    static final List<ParamSpec> APP_PARAMS = List.of(
            ParamSpec.ofInt("input_error_threshold", 0), ParamSpec.ofInt("n_tries", 1),
            ParamSpec.ofFloat("timeout", 0), ParamSpec.ofFloat("dependency_timeout", 0),
            ParamSpec.ofFloat("retry_delay", 0));
    private static final List<ParamSpec> LIFECYCLE = List.of(
            ParamSpec.ofBool("persist", false), ParamSpec.ofBool("expireAfterUse", true));

    private BuiltIns() {
    }

    static DropCatalog.Builder register(DropCatalog.Builder b) {
        b.add(new DataType("dlg.data.drops.memory.InMemoryDROP", DataKind.MEMORY, LIFECYCLE),
                "dlg.drop.InMemoryDROP");
        b.add(new DataType("dlg.data.drops.file.FileDROP", DataKind.FILE, with(LIFECYCLE,
                        ParamSpec.ofString("filepath", ""), ParamSpec.ofBool("check_filepath_exists", false))),
                "dlg.drop.FileDROP");
        b.add(new DataType("dlg.data.drops.memory.SharedMemoryDROP", DataKind.SHARED_MEMORY, LIFECYCLE),
                "dlg.data.drops.shared_memory.SharedMemoryDROP", "dlg.drop.SharedMemoryDROP");
        b.add(new DataType("dlg.data.drops.data_base.NullDROP", DataKind.NULL, List.of()), "dlg.drop.NullDROP");
        b.add(new DataType("dlg.data.drops.data_base.EndDROP", DataKind.END, List.of()), "dlg.drop.EndDROP");

        app(b, "dlg.apps.simple.NullBarrierApp", List.of(), () -> NullBarrierApp.INSTANCE);
        app(b, "dlg.apps.simple.DALiuGEApp", List.of(), () -> NullBarrierApp.INSTANCE);
        app(b, "dlg.apps.simple.SleepApp", SleepApp.PARAMS, () -> SleepApp.INSTANCE);
        app(b, "dlg.apps.simple.CopyApp", CopyApp.PARAMS, () -> CopyApp.INSTANCE);
        app(b, "dlg.apps.simple.SleepAndCopyApp", SleepAndCopyApp.PARAMS, () -> SleepAndCopyApp.INSTANCE);
        app(b, "dlg.apps.simple.HelloWorldApp", HelloWorldApp.PARAMS, () -> HelloWorldApp.INSTANCE);
        app(b, "dlg.apps.simple.RandomArrayApp", RandomArrayApp.PARAMS, () -> RandomArrayApp.INSTANCE);
        app(b, "dlg.apps.simple.GenericScatterApp", GenericScatterApp.PARAMS, () -> GenericScatterApp.INSTANCE);
        app(b, "dlg.apps.simple.GenericGatherApp", GenericGatherApp.PARAMS, () -> GenericGatherApp.INSTANCE);
        app(b, "dlg.apps.simple.PickOne", List.of(), () -> PickOne.INSTANCE);
        app(b, "dlg.apps.simple.GenericNpyGatherApp", GenericNpyGatherApp.PARAMS, () -> GenericNpyGatherApp.INSTANCE);
        app(b, "dlg.apps.simple.SimpleBranch", SimpleBranch.PARAMS, () -> SimpleBranch.INSTANCE);
        app(b, "dlg.apps.socket_listener.SocketListenerApp", SocketListenerApp.PARAMS, SocketListenerApp::new);
        app(b, "dlg.dask_emulation.ResultTransmitter", ResultTransmitter.PARAMS, ResultTransmitter::new);
        app(b, "dlg.dask_emulation._Listifier", List.of(), () -> Listifier.INSTANCE);
        app(b, "dlg.apps.bash_shell_app.BashShellApp", BashShellApp.PARAMS, BashShellApp::new);

        app(b, "dlg.apps.pyfunc.PyFuncApp", PyFuncApp.PARAMS, PyFuncApp::new);
        app(b, "dlg.apps.simple.Branch", PyFuncApp.BRANCH_PARAMS, PyFuncApp::branch);
        return b;
    }

    private static void app(DropCatalog.Builder b, String name, List<ParamSpec> params, Supplier<Application> factory) {
        b.add(new AppType(name, with(APP_PARAMS, params.toArray(ParamSpec[]::new)), factory));
    }

    private static List<ParamSpec> with(List<ParamSpec> base, ParamSpec... more) {
        List<ParamSpec> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return all;
    }
}

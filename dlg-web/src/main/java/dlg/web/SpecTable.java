package dlg.web;

import dlg.core.graph.DropSpec;
import java.util.List;

/** A {@link DropTable} whose drops' identity and attributes come from their specs. */
abstract class SpecTable implements DropTable {

    final List<DropSpec> specs;

    SpecTable(List<DropSpec> specs) {
        this.specs = specs;
    }

    @Override
    public String oid(int i) {
        return specs.get(i).oid();
    }

    @Override
    public String name(int i) {
        return specs.get(i).displayName();
    }

    @Override
    public boolean isApp(int i) {
        return specs.get(i).category().isApplication();
    }

    @Override
    public String dropClass(int i) {
        return specs.get(i).dropClass();
    }

    @Override
    public String node(int i) {
        return specs.get(i).node();
    }

    @Override
    public Object param(int i, String key) {
        return specs.get(i).params().get(key);
    }
}

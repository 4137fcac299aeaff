package org.auprules.examples.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.auprules.api.facts.Account;
import org.auprules.api.facts.AccountFact;
import org.auprules.api.facts.FactSet;
import org.auprules.json.FactsJsonWriter;

/**
 * A facts document as JSON Lines, one account and its facts a line ({@code {"account": {…}, "emails": […]}}),
 * for the load command and the tests that send fleets to the server. One pass over the facts.
 */
public final class FleetLines {

    private static final RecordComponent[] COMPONENTS = FactSet.class.getRecordComponents();
    private static final Method[] ACCESSORS;
    private static final Class<?>[] TYPES;
    private static final Constructor<FactSet> CONSTRUCTOR;

    static {
        ACCESSORS = new Method[COMPONENTS.length];
        TYPES = new Class<?>[COMPONENTS.length];
        for (int i = 0; i < COMPONENTS.length; i++) {
            ACCESSORS[i] = COMPONENTS[i].getAccessor();
            TYPES[i] = COMPONENTS[i].getType();
        }
        try {
            CONSTRUCTOR = FactSet.class.getDeclaredConstructor(TYPES);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private FleetLines() {}

    /**
     * The lines of {@code facts}, in the order of its accounts; facts of no listed account are left out.
     *
     * @param facts the fleet
     * @return one line (without its newline) per account
     */
    public static List<String> of(FactSet facts) {
        Map<String, List<List<Object>>> byAccount = new LinkedHashMap<>();
        for (Account a : facts.accounts()) {
            List<List<Object>> lists = new ArrayList<>();
            for (int i = 0; i < COMPONENTS.length; i++) {
                lists.add(new ArrayList<>());
            }
            byAccount.put(a.id(), lists);
        }
        Object[] shared = new Object[COMPONENTS.length];
        try {
            for (int i = 0; i < COMPONENTS.length; i++) {
                Object v = ACCESSORS[i].invoke(facts);
                if (v instanceof List<?> list) {
                    for (Object fact : list) {
                        String owner = fact instanceof Account a
                                ? a.id()
                                : fact instanceof AccountFact f ? f.accountId() : null;
                        List<List<Object>> lists = owner == null ? null : byAccount.get(owner);
                        if (lists != null) {
                            lists.get(i).add(fact);
                        }
                    }
                } else {
                    shared[i] = v;
                }
            }
            List<String> lines = new ArrayList<>(byAccount.size());
            for (List<List<Object>> lists : byAccount.values()) {
                Object[] args = new Object[COMPONENTS.length];
                for (int i = 0; i < COMPONENTS.length; i++) {
                    args[i] = TYPES[i] == List.class ? lists.get(i) : shared[i];
                }
                ObjectNode tree = FactsJsonWriter.toTree(CONSTRUCTOR.newInstance(args));
                ObjectNode line = tree.objectNode();
                line.set("account", tree.get("accounts").get(0));
                tree.properties().forEach(e -> {
                    if (!e.getKey().equals("accounts")) {
                        line.set(e.getKey(), e.getValue());
                    }
                });
                lines.add(line.toString());
            }
            return lines;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot split the facts by account", e);
        }
    }
}

package org.fedcot.tensor.kernels;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.MonitorInstruction;
import java.lang.classfile.instruction.NewMultiArrayInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.NewPrimitiveArrayInstruction;
import java.lang.classfile.instruction.NewReferenceArrayInstruction;
import java.lang.classfile.instruction.ThrowInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.lang.constant.ConstantDesc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a kernel family's bytecode and lists where it leaves the subset a GPU compiler takes
 * (TornadoVM's): static methods over primitive arrays and scalars that allocate nothing, touch no
 * object but their arrays, throw nothing, do not recurse, and call only their family's static
 * helpers and {@code java.lang.Math}.
 */
final class PortableSubset {
    private static final Set<String> MATH = Set.of("java/lang/Math", "java/lang/StrictMath");

    private PortableSubset() {}

    /** One line per violation, {@code Family.method: what}; empty when the family stays in the subset. */
    static List<String> violations(Class<?> family) {
        ClassModel model = ClassFile.of().parse(bytes(family));
        String owner = model.thisClass().asInternalName();
        List<String> found = new ArrayList<>();
        Map<String, Set<String>> calls = new HashMap<>();
        for (MethodModel m : model.methods()) {
            String name = m.methodName().stringValue();
            if (name.equals("<init>") || name.equals("<clinit>")) { // the private constructor and constants
                continue;
            }
            String where = family.getSimpleName() + "." + name;
            if ((m.flags().flagsMask() & ClassFile.ACC_STATIC) == 0) {
                found.add(where + ": not static");
            }
            Set<String> callees = calls.computeIfAbsent(name, k -> new HashSet<>());
            m.code().ifPresent(code -> {
                for (CodeElement e : code) {
                    String why = check(e, owner, callees);
                    if (why != null) {
                        found.add(where + ": " + why);
                    }
                }
            });
        }
        for (String m : calls.keySet()) {
            if (reaches(calls, m, m, new HashSet<>())) {
                found.add(family.getSimpleName() + "." + m + ": recurses");
            }
        }
        return found;
    }

    /** Why instruction {@code e} leaves the subset, or null; a call within the family is recorded in {@code callees}. */
    private static String check(CodeElement e, String owner, Set<String> callees) {
        return switch (e) {
            case NewObjectInstruction n -> "allocates a " + n.className().asInternalName();
            case NewPrimitiveArrayInstruction n -> "allocates an array of " + n.typeKind();
            case NewReferenceArrayInstruction n ->
                "allocates an array of " + n.componentType().asInternalName();
            case NewMultiArrayInstruction n ->
                "allocates an array " + n.arrayType().asInternalName();
            case ThrowInstruction t -> "throws";
            case MonitorInstruction m -> "synchronizes";
            case TypeCheckInstruction t ->
                "checks the type of an object (" + t.type().asInternalName() + ")";
            case InvokeDynamicInstruction d -> "uses invokedynamic (a lambda or string concatenation)";
            case FieldInstruction f ->
                f.opcode() == Opcode.GETSTATIC && isPrimitive(f.typeSymbol().descriptorString())
                        ? null
                        : "touches field " + f.owner().asInternalName() + "."
                                + f.name().stringValue();
            case InvokeInstruction i -> call(i, owner, callees);
            case ConstantInstruction.LoadConstantInstruction c -> constant(c.constantValue());
            default -> null;
        };
    }

    private static String call(InvokeInstruction i, String owner, Set<String> callees) {
        String target = i.owner().asInternalName();
        if (i.opcode() == Opcode.INVOKESTATIC && MATH.contains(target)) {
            return null;
        }
        if (i.opcode() == Opcode.INVOKESTATIC && target.equals(owner)) {
            callees.add(i.name().stringValue());
            return null;
        }
        return "calls " + target + "." + i.name().stringValue();
    }

    /** Numbers are fine; a string or class constant is an object. */
    private static String constant(ConstantDesc value) {
        return value instanceof Number ? null : "loads the object constant " + value;
    }

    private static boolean isPrimitive(String descriptor) {
        return descriptor.length() == 1;
    }

    /** Whether {@code from} calls {@code target}, directly or through other methods of the family. */
    private static boolean reaches(Map<String, Set<String>> calls, String from, String target, Set<String> seen) {
        for (String next : calls.getOrDefault(from, Set.of())) {
            if (next.equals(target) || (seen.add(next) && reaches(calls, next, target, seen))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] bytes(Class<?> family) {
        String file = family.getName().substring(family.getName().lastIndexOf('.') + 1) + ".class";
        try (InputStream in = family.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("no class file for " + family.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.fedcot.tensor.cpu;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;

import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.fedcot.tensor.kernels.Kernel;

/**
 * Binds each portable kernel to the one argument list ops pass (an {@code Object[]} of boxed values
 * and arrays) by generating, once per kernel, a small hidden class whose {@code run} unboxes the
 * arguments and calls the static kernel directly. A method handle would do the same, but the JIT
 * cannot inline through one held in a field, and per-call cost matters for the many small kernels of
 * a decoding or small-model training step; a direct call inlines like the lambdas ops wrote before.
 */
final class KernelBinder {
    private static final ClassDesc CD_OBJECT_ARRAY = CD_Object.arrayType();
    private static final MethodTypeDesc RUN = MethodTypeDesc.of(CD_void, CD_OBJECT_ARRAY, CD_int, CD_int);

    private KernelBinder() {}

    /** The kernel's static method, called with {@code args} unboxed in order, then {@code lo, hi}. */
    static BoundKernel bind(Kernel k) {
        Method m = Arrays.stream(k.family().getMethods())
                .filter(c -> c.getName().equals(k.method()))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalStateException("no kernel " + k.family().getSimpleName() + "." + k.method()));
        ClassDesc self = ClassDesc.of(
                KernelBinder.class.getPackageName() + ".Bound" + k.family().getSimpleName() + "_" + m.getName());
        byte[] bytes = ClassFile.of().build(self, cb -> cb.withFlags(ClassFile.ACC_FINAL | ClassFile.ACC_SYNTHETIC)
                .withInterfaceSymbols(ClassDesc.of(BoundKernel.class.getName()))
                .withMethodBody("<init>", MethodTypeDesc.of(CD_void), ClassFile.ACC_PUBLIC, code -> code.aload(0)
                        .invokespecial(CD_Object, "<init>", MethodTypeDesc.of(CD_void))
                        .return_())
                .withMethodBody("run", RUN, ClassFile.ACC_PUBLIC, code -> call(code, m)));
        try {
            MethodHandles.Lookup hidden = MethodHandles.lookup().defineHiddenClass(bytes, true);
            return (BoundKernel) hidden.findConstructor(hidden.lookupClass(), MethodType.methodType(void.class))
                    .invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("binding kernel " + k + ": " + e, e);
        }
    }

    /** {@code Family.method((T0) args[0], ..., lo, hi); return;} with boxed scalars unboxed. */
    private static void call(CodeBuilder code, Method m) {
        Class<?>[] params = m.getParameterTypes();
        int spread = params.length - 2;
        for (int i = 0; i < spread; i++) {
            code.aload(1).loadConstant(i).aaload();
            Class<?> p = params[i];
            if (p.isPrimitive()) {
                ClassDesc boxDesc = MethodType.methodType(p)
                        .wrap()
                        .returnType()
                        .describeConstable()
                        .orElseThrow();
                ClassDesc prim = p.describeConstable().orElseThrow();
                code.checkcast(boxDesc).invokevirtual(boxDesc, p.getName() + "Value", MethodTypeDesc.of(prim));
            } else {
                code.checkcast(p.describeConstable().orElseThrow());
            }
        }
        code.iload(2).iload(3);
        ClassDesc owner = m.getDeclaringClass().describeConstable().orElseThrow();
        MethodTypeDesc type = MethodTypeDesc.of(
                CD_void,
                Arrays.stream(params)
                        .map(c -> c.describeConstable().orElseThrow())
                        .toArray(ClassDesc[]::new));
        code.invokestatic(owner, m.getName(), type).return_();
    }
}

package org.fedcot.llm.prompt;

import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELException;
import jinjava.javax.el.ELResolver;

/**
 * The Python {@code str} methods chat templates call, which Java strings lack or spell differently
 * ({@code content.strip()}, {@code content.split('</think>')[-1].lstrip('\n')},
 * {@code content.startswith('<tool_response>')}); Jinja runs templates in Python, so they expect them.
 * Placed before Jinjava's resolvers, it answers method calls on strings it knows and leaves the rest.
 */
final class ChatTemplateStrings extends ELResolver {

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (!(base instanceof String s) || !(method instanceof String name)) {
            return null;
        }
        Object[] args = params == null ? new Object[0] : params;
        Object result =
                switch (name) {
                    case "strip" -> rstrip(lstrip(s, chars(args)), chars(args));
                    case "lstrip" -> lstrip(s, chars(args));
                    case "rstrip" -> rstrip(s, chars(args));
                    case "startswith" -> anyAffix(s, args, true);
                    case "endswith" -> anyAffix(s, args, false);
                    case "split" -> split(s, args);
                    case "upper" -> s.toUpperCase(Locale.ROOT);
                    case "lower" -> s.toLowerCase(Locale.ROOT);
                    case "title" -> title(s);
                    case "capitalize" ->
                        s.isEmpty()
                                ? s
                                : s.substring(0, 1).toUpperCase(Locale.ROOT)
                                        + s.substring(1).toLowerCase(Locale.ROOT);
                    case "find" -> (long) s.indexOf(text(args, 0));
                    case "join" -> join(s, args);
                    default -> null;
                };
        if (result != null) {
            context.setPropertyResolved(true);
        }
        return result;
    }

    /** strip's argument: the characters to remove, or null for white space. */
    private static String chars(Object[] args) {
        return args.length == 0 || args[0] == null ? null : args[0].toString();
    }

    private static boolean stripped(char c, String chars) {
        return chars == null ? Character.isWhitespace(c) : chars.indexOf(c) >= 0;
    }

    private static String lstrip(String s, String chars) {
        int i = 0;
        while (i < s.length() && stripped(s.charAt(i), chars)) {
            i++;
        }
        return s.substring(i);
    }

    private static String rstrip(String s, String chars) {
        int end = s.length();
        while (end > 0 && stripped(s.charAt(end - 1), chars)) {
            end--;
        }
        return s.substring(0, end);
    }

    /** startswith/endswith: the argument is one string or a tuple of them. */
    private static boolean anyAffix(String s, Object[] args, boolean prefix) {
        Object arg = args.length == 0 ? null : args[0];
        List<?> affixes = arg instanceof List<?> list ? list : List.of(text(args, 0));
        for (Object a : affixes) {
            String affix = String.valueOf(a);
            if (prefix ? s.startsWith(affix) : s.endsWith(affix)) {
                return true;
            }
        }
        return false;
    }

    /** split(sep=None, maxsplit=-1): on runs of white space without sep, else on each sep, empty parts kept. */
    private static List<String> split(String s, Object[] args) {
        String sep = chars(args);
        int max = args.length > 1 && args[1] instanceof Number n ? n.intValue() : -1;
        List<String> parts = new ArrayList<>();
        if (sep == null) {
            String rest = lstrip(s, null);
            while (!rest.isEmpty()) {
                int end = 0;
                while (end < rest.length() && !Character.isWhitespace(rest.charAt(end))) {
                    end++;
                }
                if (max >= 0 && parts.size() == max) {
                    parts.add(rest); // Python keeps the remainder's trailing white space
                    break;
                }
                parts.add(rest.substring(0, end));
                rest = lstrip(rest.substring(end), null);
            }
            return parts;
        }
        if (sep.isEmpty()) {
            throw new ELException("empty separator");
        }
        int from = 0;
        int at;
        while ((max < 0 || parts.size() < max) && (at = s.indexOf(sep, from)) >= 0) {
            parts.add(s.substring(from, at));
            from = at + sep.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    private static String title(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean inWord = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(inWord ? Character.toLowerCase(c) : Character.toTitleCase(c));
            inWord = Character.isLetter(c);
        }
        return out.toString();
    }

    private static String join(String sep, Object[] args) {
        if (args.length == 0 || !(args[0] instanceof Iterable<?> items)) {
            throw new ELException("join needs a list");
        }
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                out.append(sep);
            }
            out.append(item);
            first = false;
        }
        return out.toString();
    }

    private static String text(Object[] args, int i) {
        if (args.length <= i || args[i] == null) {
            throw new ELException("missing string argument");
        }
        return args[i].toString();
    }

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
        // read-only: templates never assign to string attributes
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }
}

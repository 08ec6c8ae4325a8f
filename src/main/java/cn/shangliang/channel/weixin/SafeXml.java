package cn.shangliang.channel.weixin;

import cn.shangliang.channel.TextLimits;
import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads the flat {@code <xml><Name>value</Name>…</xml>} documents of WeCom and WeChat callbacks without the classic
 * XML attacks: any DOCTYPE is refused (so no entity expansion, external entities or billion laughs), XInclude is off,
 * external DTDs and schemas are never fetched, and secure processing limits apply.
 */
public final class SafeXml {

    private SafeXml() {}

    /** What parsing gave. */
    public sealed interface Parsed {
        /** The text of each child element of {@code <xml>} (CDATA unwrapped), in document order. */
        record Fields(Map<String, String> values) implements Parsed {
            public Fields {
                values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
            }

            public String get(String name) {
                return values.getOrDefault(name, "");
            }
        }

        record Refused(String reason) implements Parsed {}
    }

    /** Parses a body; strict UTF-8. */
    public static Parsed fields(byte[] body) {
        Optional<String> text = TextLimits.decodeUtf8(body);
        return text.isPresent() ? fields(text.get()) : new Parsed.Refused("body is not valid UTF-8");
    }

    public static Parsed fields(String xml) {
        Document document;
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setErrorHandler(SILENT);
            document = builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXException e) {
            return new Parsed.Refused("not acceptable XML: " + e.getMessage());
        } catch (IOException | ParserConfigurationException e) {
            return new Parsed.Refused("XML could not be read: " + e.getMessage());
        }
        Element root = document.getDocumentElement();
        if (!"xml".equals(root.getTagName())) {
            return new Parsed.Refused("root element is <" + root.getTagName() + ">, not <xml>");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                values.putIfAbsent(element.getTagName(), element.getTextContent());
            }
        }
        return new Parsed.Fields(values);
    }

    /** A factory per parse: factories are not thread-safe, and callbacks are few. */
    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setNamespaceAware(false);
        factory.setValidating(false);
        return factory;
    }

    /** Errors become the refusal; nothing is printed to stderr. */
    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    /** Wraps text in CDATA, splitting any {@code ]]>} inside it. */
    public static String cdata(String text) {
        return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>";
    }
}

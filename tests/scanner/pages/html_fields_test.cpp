// The tolerant HTML-to-cells reader and the label -> value lookup every page reader uses.
#include <scanner/pages/html_fields.hpp>

#include "page_test_support.hpp"

#include <string>
#include <vector>

using scanner::pages::CellOptions;
using scanner::pages::decode_entities;
using scanner::pages::find_field;
using scanner::pages::html_cells;
using scanner::pages::iequals;
using scanner::pages::printable_prefix;
using scanner::pages::TextCell;

namespace {

std::vector<std::string> texts(const std::vector<TextCell>& cells) {
  std::vector<std::string> out;
  for (const auto& cell : cells) out.push_back(cell.text);
  return out;
}

} // namespace

TEST_CASE("html cells: table cells become cells with row, column and row width") {
  const auto cells = html_cells("<table><tr><td>Model</td><td></td><td>CP-8841</td></tr>"
                                "<tr><th>MAC</th><td>00:11</td></tr></table><p>after</p>");
  REQUIRE(cells.size() == 5);
  CHECK(cells[0].text == "Model");
  CHECK(cells[0].column == 0);
  CHECK(cells[0].row_width == 3);
  CHECK(cells[1].text == "CP-8841");
  CHECK(cells[1].column == 2);
  CHECK(cells[1].row == cells[0].row);
  CHECK(cells[2].text == "MAC");
  CHECK(cells[2].row != cells[0].row);
  CHECK(cells[2].row_width == 2);
  CHECK(cells[4].text == "after");
  CHECK(cells[4].row == 0);
  CHECK(cells[4].row_width == 0);
}

TEST_CASE("html cells: whitespace collapses, entities decode, inline tags do not split text") {
  const auto cells = html_cells("<p>  CP&#x2D;8841 &amp;\n\t <b>more</b>&nbsp;&nbsp;text&#33; &lt;x&gt; &quot;q&quot; "
                                "&apos;a&apos; &#233; &#x20AC;</p>");
  REQUIRE(cells.size() == 1);
  CHECK(cells[0].text == "CP-8841 & more text! <x> \"q\" 'a' \xC3\xA9 \xE2\x82\xAC");
  // A raw UTF-8 no-break space separates words like &nbsp; does.
  CHECK(texts(html_cells("a\xC2\xA0\xC2\xA0"
                         "b")) == std::vector<std::string>{"a b"});
}

TEST_CASE("html cells: unknown or malformed entities stay as written") {
  const auto cells = html_cells("<p>&bogus; & &#; &#xZZ; a&b</p>");
  REQUIRE(cells.size() == 1);
  CHECK(cells[0].text == "&bogus; & &#; &#xZZ; a&b");
}

TEST_CASE("html cells: comments, scripts, styles and hidden inputs show nothing") {
  const auto cells = html_cells("<!-- <td>hidden</td> --><script>var x = '<td>no</td>';</script><STYLE>td{}</STYLE>"
                                "<input type=hidden value=secret><input type=password value=pw>"
                                "<input value=\"shown &amp; decoded\"><p>visible</p>");
  CHECK(texts(cells) == std::vector<std::string>{"shown & decoded", "visible"});
}

TEST_CASE("html cells: <br>, block elements and uppercase tags separate cells") {
  CHECK(texts(html_cells("one<BR>two<br/>three<DIV>four</DIV>five")) ==
        std::vector<std::string>{"one", "two", "three", "four", "five"});
}

TEST_CASE("html cells: a tag name is known only when every byte matches, up to the longest names") {
  CHECK(texts(html_cells("a<TEXTAREA>b</textarea>c<textareas>d<BlockQuote>e<blockquot>f")) ==
        std::vector<std::string>{"a", "b", "cd", "ef"});
  CHECK(texts(html_cells("x<tdd>y</tdd>z<t>w<plaintextplaintext>v<tbody>u")) == std::vector<std::string>{"xyzwv", "u"});
}

TEST_CASE("html cells: a long run of text and a cell after a long cell are kept whole") {
  const std::string long_text(300, 'x');
  CHECK(texts(html_cells("<td>" + long_text + "</td><td>y\xC2z \xC2\xA0 w</td><td>" + long_text + "</td>")) ==
        std::vector<std::string>{long_text, "y\xC2z w", long_text});
}

TEST_CASE("html cells: line ends split cells in <pre> and when asked to") {
  CHECK(texts(html_cells("<pre>a b\nc\n\nd</pre>")) == std::vector<std::string>{"a b", "c", "d"});
  CHECK(texts(html_cells("a\nb")) == std::vector<std::string>{"a b"});
  CHECK(texts(html_cells("a\nb", CellOptions{.newline_breaks = true})) == std::vector<std::string>{"a", "b"});
}

TEST_CASE("html cells: a '<' not starting a tag is text") {
  CHECK(texts(html_cells("<p>File Not Found <CTLFile.tlv></p><p>1 < 2 <3</p>")) ==
        std::vector<std::string>{"File Not Found <CTLFile.tlv>", "1 < 2 <3"});
}

TEST_CASE("html cells: unclosed tags, stray end tags and cut-off input are tolerated") {
  CHECK(texts(html_cells("</td></tr></table><td>a<td>b</tr>c<p")) == std::vector<std::string>{"a", "b", "c"});
  CHECK(html_cells("").empty());
  CHECK(html_cells("<").size() == 1);
  CHECK(html_cells("<!-- never closed").empty());
  CHECK(html_cells("<script>never closed").empty());
  CHECK(texts(html_cells("<input value=\"unbalanced>text")) == std::vector<std::string>{"\"unbalanced", "text"});
}

TEST_CASE("html cells: nested tables keep the outer row's context") {
  const auto cells =
      html_cells("<table><tr><td>outer</td><td><table><tr><td>inner</td></tr></table></td><td>next</td></tr>"
                 "</table>");
  REQUIRE(cells.size() == 3);
  CHECK(cells[0].row == cells[2].row);
  CHECK(cells[2].column == 2);
  CHECK(cells[1].row != cells[0].row);
}

TEST_CASE("html cells: deeply nested garbage is handled without recursion") {
  std::string deep;
  for (int i = 0; i < 20000; ++i) deep += "<table><tr><td>";
  deep += "x";
  const auto cells = html_cells(deep);
  REQUIRE(cells.size() == 1);
  CHECK(cells[0].text == "x");
}

TEST_CASE("find_field: the next non-empty cell of the label's row is its value") {
  const auto cells = html_cells("<table><tr><td> Model number </td><td width=20></td><td><b>CP-8841</b></td></tr>"
                                "<tr><td>Serial</td><td>ABC</td></tr></table>");
  CHECK(find_field(cells, {"Model Number"}) == std::optional<std::string>("CP-8841"));
  CHECK(find_field(cells, {"model number:"}) == std::optional<std::string>("CP-8841"));
  CHECK(find_field(cells, {"Nope", "Serial"}) == std::optional<std::string>("ABC"));
  CHECK_FALSE(find_field(cells, {"Model"}).has_value()); // whole-cell match only
  CHECK_FALSE(find_field(cells, {"Missing"}).has_value());
  CHECK_FALSE(find_field(cells, {""}).has_value());
}

TEST_CASE("find_field: a row shown without a value gives an empty string") {
  const auto cells =
      html_cells("<table><tr><td>Idle URL</td><td></td><td></td></tr><tr><td>Next</td><td>v</td></tr></table>");
  CHECK(find_field(cells, {"Idle URL"}) == std::optional<std::string>(""));
}

TEST_CASE("find_field: a label last in its row takes the first cell of the next row") {
  const auto cells =
      html_cells("<table><tr><td>Authentication URL</td></tr><tr><td>http://cucm/a.jsp</td></tr></table>");
  CHECK(find_field(cells, {"Authentication URL"}) == std::optional<std::string>("http://cucm/a.jsp"));
}

TEST_CASE("find_field: outside tables the next cell is the value, at the end there is none") {
  const auto cells = html_cells("<p>Host Name:</p><p>SEP001B54AABB0C</p><p>Last label</p>");
  CHECK(find_field(cells, {"host name"}) == std::optional<std::string>("SEP001B54AABB0C"));
  CHECK_FALSE(find_field(cells, {"Last label"}).has_value());
}

TEST_CASE("find_field: a cell written 'Label: value' gives its value") {
  const auto cells = html_cells("<pre>Load ID: sip88xx.12-5-1SR3-74\nTVS : 10.0.0.5:2445\nTVS2:</pre>");
  CHECK(find_field(cells, {"Load ID"}) == std::optional<std::string>("sip88xx.12-5-1SR3-74"));
  CHECK(find_field(cells, {"tvs"}) == std::optional<std::string>("10.0.0.5:2445"));
  CHECK_FALSE(find_field(cells, {"Load"}).has_value());
}

TEST_CASE("decode_entities: named and numeric entities, nbsp becomes a plain space") {
  CHECK(decode_entities("a&nbsp;b&amp;c&lt;&gt;&quot;&apos;&#65;&#x42;&#X43;") == "a b&c<>\"'ABC");
  CHECK(decode_entities("&nbsp") == " ");
  CHECK(decode_entities("&unknown; &#; &") == "&unknown; &#; &");
  CHECK(decode_entities("&#0;&#xD800;&#x110000;") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(decode_entities("&#99999999999999;").size() < 20);
}

TEST_CASE("printable_prefix: control and high bytes are escaped and long input is cut") {
  CHECK(printable_prefix("abc") == "abc");
  CHECK(printable_prefix(std::string("\x89PNG\r\n\x1a\n", 8)) == "\\x89PNG\\r\\n\\x1A\\n");
  CHECK(printable_prefix("tab\there \"q\" \\", 64) == "tab\\there \\\"q\\\" \\\\");
  CHECK(printable_prefix("0123456789abcdefXYZ") == "0123456789abcdef...");
  CHECK(printable_prefix("0123456789", 4) == "0123...");
  CHECK(printable_prefix("") == "");
}

TEST_CASE("iequals: ASCII case-insensitive, length-sensitive") {
  CHECK(iequals("Host Name", "host name"));
  CHECK(iequals("", ""));
  CHECK_FALSE(iequals("Host Name", "Host Names"));
  CHECK_FALSE(iequals("a", "b"));
}

// read_screenshot / cisco_phone_error: the body decides (magic bytes, CiscoIPPhoneError), the
// HTTP status only when the body is neither.
#include <scanner/pages/screenshot_reader.hpp>

#include "page_test_support.hpp"

#include <string>

using page_test::bmp_image;
using page_test::png_image;
using scanner::ScreenshotAnswer;
using scanner::pages::cisco_phone_error;
using scanner::pages::read_screenshot;

TEST_CASE("screenshot: a PNG body is an image whatever the Content-Type says") {
  const std::string png = png_image();
  for (const char* type : {"image/png", "", "text/html", "application/octet-stream"}) {
    CAPTURE(type);
    const auto r = read_screenshot(200, type, png);
    CHECK(r.answer == ScreenshotAnswer::image);
    CHECK(r.image_format == "png");
    CHECK(r.phone_error == 0);
    CHECK(r.detail.empty());
  }
}

TEST_CASE("screenshot: a BMP body with a known DIB header is an image") {
  for (const std::uint32_t dib : {12U, 40U, 108U, 124U}) {
    CAPTURE(dib);
    const auto r = read_screenshot(200, "image/bmp", bmp_image(dib));
    CHECK(r.answer == ScreenshotAnswer::image);
    CHECK(r.image_format == "bmp");
    CHECK(r.detail.empty());
  }
}

TEST_CASE("screenshot: a CiscoIPPhoneImage document is an image in the old cip format") {
  const auto r = read_screenshot(200, "text/xml",
                                 "<?xml version=\"1.0\"?>\n<CiscoIPPhoneImage><Width>133</Width><Height>65</Height>"
                                 "<Depth>2</Depth><Data>FFFF</Data></CiscoIPPhoneImage>");
  CHECK(r.answer == ScreenshotAnswer::image);
  CHECK(r.image_format == "cip");
}

TEST_CASE("screenshot: an image under a non-200 status is still an image, with the status noted") {
  const auto r = read_screenshot(500, "image/png", png_image());
  CHECK(r.answer == ScreenshotAnswer::image);
  CHECK(r.image_format == "png");
  CHECK_THAT(r.detail, Catch::Contains("HTTP 500"));
}

TEST_CASE("screenshot: an image cut after its header is still an image, with a caveat") {
  std::string png = png_image();
  png.resize(40); // IHDR complete, IEND gone
  const auto p = read_screenshot(200, "image/png", png);
  CHECK(p.answer == ScreenshotAnswer::image);
  CHECK_THAT(p.detail, Catch::Contains("IEND"));

  std::string bmp = bmp_image();
  bmp.resize(30);
  const auto b = read_screenshot(200, "image/bmp", bmp);
  CHECK(b.answer == ScreenshotAnswer::image);
  CHECK_THAT(b.detail, Catch::Contains("shorter than its header"));
}

TEST_CASE("screenshot: an image truncated inside its header is a malformed answer") {
  const std::string png = png_image();
  for (const std::size_t size : {4U, 8U, 16U, 32U}) {
    CAPTURE(size);
    const auto r = read_screenshot(200, "image/png", png.substr(0, size));
    CHECK(r.answer == ScreenshotAnswer::malformed);
    CHECK(r.image_format.empty());
    CHECK_FALSE(r.detail.empty());
  }
  CHECK_THAT(read_screenshot(200, "image/png", png.substr(0, 20)).detail, Catch::Contains("IHDR"));
  const std::string bmp = bmp_image();
  for (const std::size_t size : {2U, 10U, 25U}) {
    CAPTURE(size);
    CHECK(read_screenshot(200, "image/bmp", bmp.substr(0, size)).answer == ScreenshotAnswer::malformed);
  }
}

TEST_CASE("screenshot: text that merely starts with BM is not a BMP") {
  const auto r = read_screenshot(200, "text/plain", "BMW sales figures for the third quarter");
  CHECK(r.answer == ScreenshotAnswer::malformed);
  CHECK_THAT(r.detail, Catch::Contains("BMW"));
  // "BM" and an unknown DIB header size.
  CHECK(read_screenshot(200, "", bmp_image(7)).answer == ScreenshotAnswer::malformed);
}

TEST_CASE("screenshot: CiscoIPPhoneError Number=4 is read in every spelling phones use") {
  const char* const variants[] = {
      "<CiscoIPPhoneError Number=\"4\"/>",
      "<CiscoIPPhoneError Number=\"4\" />",
      "<CiscoIPPhoneError Number=\"4\"></CiscoIPPhoneError>",
      "<CiscoIPPhoneError Number='4'/>",
      "<CiscoIPPhoneError Number=4/>",
      "<CiscoIPPhoneError Number=4>",
      "<CiscoIPPhoneError   Number = \" 4 \"   />",
      "<CiscoIPPhoneError\r\n\tNumber=\"4\"\r\n/>",
      "\r\n  \t<CiscoIPPhoneError Number=\"4\"/>\r\n",
      "<?xml version=\"1.0\" encoding=\"utf-8\"?><CiscoIPPhoneError Number=\"4\"/>",
      "<?xml version='1.0'?>\n<CiscoIPPhoneError Number=\"4\" />\n",
      "\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<CiscoIPPhoneError Number=\"4\"/>",
      "<!-- auth --><?xml version=\"1.0\"?><CiscoIPPhoneError Number=\"4\"/>",
      "<!DOCTYPE CiscoIPPhoneError><CiscoIPPhoneError Number=\"4\"/>",
      "<ciscoipphoneerror number=\"4\"/>",
      "<CISCOIPPHONEERROR NUMBER=\"4\"/>",
      "<CiscoIPPhoneError Text=\"Authentication error\" Number=\"4\"/>",
      "<CiscoIPPhoneError URL=\"http://cucm/x/y>z\" Number='4' Extra=\"a/b\"/>",
      "<CiscoIPPhoneError Checked Number=\"4\"/>",
      "<CiscoIPPhoneError Number=\"4\"/>trailing text after the element",
      "<CiscoIPPhoneError Number=\"4\"/><CiscoIPPhoneText><Text>extra</Text></CiscoIPPhoneText>",
      "<CiscoIPPhoneError Number=\"4\"><Title>Error</Title><Text>Authentication error</Text>"
      "</CiscoIPPhoneError>",
  };
  for (const char* body : variants) {
    CAPTURE(body);
    CHECK(cisco_phone_error(body) == 4);
    const auto r = read_screenshot(200, "text/xml", body);
    CHECK(r.answer == ScreenshotAnswer::phone_error);
    CHECK(r.phone_error == 4);
    CHECK(r.image_format.empty());
    CHECK_THAT(r.detail, Catch::Contains("Number=4"));
  }
}

TEST_CASE("screenshot: each CiscoIPPhoneError number is kept as sent") {
  for (const int number : {1, 2, 3, 4, 6}) {
    CAPTURE(number);
    const std::string body = "<CiscoIPPhoneError Number=\"" + std::to_string(number) + "\"/>";
    CHECK(cisco_phone_error(body) == number);
    const auto r = read_screenshot(200, "text/xml", body);
    CHECK(r.answer == ScreenshotAnswer::phone_error);
    CHECK(r.phone_error == number);
  }
}

TEST_CASE("screenshot: a CiscoIPPhoneError without a readable Number is an error numbered -1") {
  for (const char* body : {"<CiscoIPPhoneError/>", "<CiscoIPPhoneError>", "<CiscoIPPhoneError",
                           "<CiscoIPPhoneError Number=\"\"/>", "<CiscoIPPhoneError Number=\"four\"/>",
                           "<CiscoIPPhoneError Number=\"-4\"/>", "<CiscoIPPhoneError Number=\"99999999999999999999\"/>",
                           "<CiscoIPPhoneError Number=/>", "<CiscoIPPhoneError Code=\"4\"/>"}) {
    CAPTURE(body);
    CHECK(cisco_phone_error(body) == -1);
    const auto r = read_screenshot(200, "text/xml", body);
    CHECK(r.answer == ScreenshotAnswer::phone_error);
    CHECK(r.phone_error == -1);
    CHECK_THAT(r.detail, Catch::Contains("without a readable Number"));
  }
}

TEST_CASE("screenshot: bodies that are not a CiscoIPPhoneError document are not read as one") {
  for (const char* body : {"", "CiscoIPPhoneError Number=4", "<CiscoIPPhoneErrors Number=\"4\"/>",
                           "<CiscoIPPhoneText><Text>Number=\"4\"</Text></CiscoIPPhoneText>",
                           "<html><body>CiscoIPPhoneError Number=\"4\"</body></html>", "<?xml version=\"1.0\"",
                           "<!-- unclosed comment <CiscoIPPhoneError/>"}) {
    CAPTURE(body);
    CHECK_FALSE(cisco_phone_error(body).has_value());
  }
}

TEST_CASE("screenshot: a CiscoIPPhoneError body wins over a 401 or 500 status") {
  const auto unauthorized = read_screenshot(401, "text/xml", "<CiscoIPPhoneError Number=\"4\"/>");
  CHECK(unauthorized.answer == ScreenshotAnswer::phone_error);
  CHECK(unauthorized.phone_error == 4);
  CHECK_THAT(unauthorized.detail, Catch::Contains("HTTP 401"));
  const auto server_error = read_screenshot(500, "", "<CiscoIPPhoneError Number=\"3\"/>");
  CHECK(server_error.answer == ScreenshotAnswer::phone_error);
  CHECK(server_error.phone_error == 3);
}

TEST_CASE("screenshot: without a readable body the status decides: 401, 404, other") {
  const auto unauthorized = read_screenshot(401, "text/html", "<html>Unauthorized</html>");
  CHECK(unauthorized.answer == ScreenshotAnswer::unauthorized);
  CHECK(unauthorized.phone_error == 0);
  CHECK(read_screenshot(401, "", "").answer == ScreenshotAnswer::unauthorized);
  const auto missing = read_screenshot(404, "text/html", "<html>Not Found</html>");
  CHECK(missing.answer == ScreenshotAnswer::not_found);
  for (const long status : {204L, 302L, 403L, 500L, 503L}) {
    CAPTURE(status);
    const auto r = read_screenshot(status, "text/html", "<html>oops</html>");
    CHECK(r.answer == ScreenshotAnswer::http_status);
    CHECK_THAT(r.detail, Catch::Contains(std::to_string(status)));
  }
}

TEST_CASE("screenshot: a 200 with an empty body is malformed, saying so") {
  const auto r = read_screenshot(200, "", "");
  CHECK(r.answer == ScreenshotAnswer::malformed);
  CHECK(r.phone_error == 0);
  CHECK(r.detail == "empty body");
}

TEST_CASE("screenshot: a 200 with garbage bytes is malformed, quoting them printably") {
  const std::string garbage("\x00\x01\xFFgarbage\n\"x\"", 14);
  const auto r = read_screenshot(200, "application/octet-stream", garbage);
  CHECK(r.answer == ScreenshotAnswer::malformed);
  CHECK_THAT(r.detail, Catch::StartsWith("not an image (starts with \"\\x00\\x01\\xFFgarbage\\n"));
  CHECK_THAT(r.detail, Catch::Contains("Content-Type application/octet-stream"));
  for (const char c : r.detail) {
    CHECK((c >= 0x20 && c < 0x7F));
  }
}

TEST_CASE("screenshot: an HTML login page under 200 is malformed, not an image or an error") {
  const char* login = "<!DOCTYPE html><html><head><title>Login</title></head><body>"
                      "<form method=post action=/CGI/Login><input name=user><input type=password name=pw>"
                      "</form></body></html>";
  const auto r = read_screenshot(200, "text/html; charset=utf-8", login);
  CHECK(r.answer == ScreenshotAnswer::malformed);
  CHECK(r.phone_error == 0);
  CHECK(r.image_format.empty());
  CHECK_THAT(r.detail, Catch::Contains("<!DOCTYPE html>"));
  CHECK_THAT(r.detail, Catch::Contains("text/html"));
}

TEST_CASE("screenshot: a huge text body is malformed with a short detail") {
  const std::string huge(8 * 1024 * 1024, 'A');
  const auto r = read_screenshot(200, std::string(1000, 't'), huge);
  CHECK(r.answer == ScreenshotAnswer::malformed);
  CHECK(r.detail.size() < 200);
  CHECK_THAT(r.detail, Catch::Contains("..."));
}

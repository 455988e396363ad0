// tst_resp: every test class of the RESP library, one executable for the area.
#include "resp_test_suites.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int failed = 0;
    failed += runRespEncoderTests(argc, argv);
    failed += runSplitArgsTests(argc, argv);
    failed += runRequestParserTests(argc, argv);
    failed += runReplyReaderTests(argc, argv);
    failed += runRespRandomBytesTests(argc, argv);
    return failed == 0 ? 0 : 1;
}

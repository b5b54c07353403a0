' Lists LibreOffice's template categories and the BSrE templates, then opens
' each BSrE template as a new document and reports its Signature Lines.
' Run through scripts/office-run.sh with OUT=<result file>.
Dim sOut As String

Sub Say(s As String)
  sOut = sOut & s & Chr(10)
End Sub

Function OpenChildren(oContent As Object) As Object
  Dim aProps(1) As New com.sun.star.beans.Property
  aProps(0).Name = "Title" : aProps(0).Handle = -1
  aProps(1).Name = "TargetURL" : aProps(1).Handle = -1
  Dim aArg As New com.sun.star.ucb.OpenCommandArgument2
  aArg.Mode = com.sun.star.ucb.OpenMode.ALL
  aArg.Priority = 32768
  aArg.Properties = aProps()
  Dim aCmd As New com.sun.star.ucb.Command
  aCmd.Name = "open" : aCmd.Handle = -1 : aCmd.Argument = aArg
  OpenChildren = oContent.execute(aCmd, 0, Nothing).getStaticResultSet()
End Function

' "group/title|targetURL" lines for every template, groups as "group/".
Function ListTemplates(oDT As Object) As Variant
  Dim aList() As String, n As Integer
  n = 0
  oGroups = OpenChildren(oDT.getContent())
  While oGroups.next()
    sGroup = oGroups.getString(1)
    ReDim Preserve aList(n) : aList(n) = sGroup & "/" : n = n + 1
    ' (XContentAccess.queryContent() on this result set hangs in 7.4 when
    ' called from Basic; going through the content broker does not.)
    sGroupUrl = oGroups.queryContentIdentifierString()
    oUcb = createUnoService("com.sun.star.ucb.UniversalContentBroker")
    oTemplates = OpenChildren(oUcb.queryContent(oUcb.createContentIdentifier(sGroupUrl)))
    While oTemplates.next()
      ReDim Preserve aList(n)
      aList(n) = sGroup & "/" & oTemplates.getString(1) & "|" & oTemplates.getString(2)
      n = n + 1
    Wend
  Wend
  ListTemplates = aList()
End Function

Sub ReportTemplates(aList As Variant, sWhen As String)
  Dim sGroups As String
  For Each s In aList
    If Right(s, 1) = "/" Then sGroups = sGroups & " [" & Left(s, Len(s) - 1) & "]"
  Next
  Say "categories (" & sWhen & "):" & sGroups
  For Each s In aList
    If Left(s, 5) = "BSrE/" And Len(s) > 5 Then Say "  " & s
  Next
End Sub

Sub VerifyTemplates
  Dim aArgs(1) As New com.sun.star.beans.PropertyValue
  On Error GoTo Failed
  oPS = createUnoService("com.sun.star.util.PathSettings")
  Say "Template path: " & oPS.Template
  For Each p In oPS.Template_internal
    Say "  internal: " & p
  Next
  oDT = createUnoService("com.sun.star.frame.DocumentTemplates")
  aList = ListTemplates(oDT)
  ReportTemplates(aList, "as found at start")
  oDT.update()
  aList = ListTemplates(oDT)
  ReportTemplates(aList, "after DocumentTemplates.update()")

  oExp = GetDefaultContext().getValueByName("/singletons/com.sun.star.util.theMacroExpander")
  For Each s In aList
    If Left(s, 5) = "BSrE/" And InStr(s, "|") > 0 Then
      sUrl = Mid(s, InStr(s, "|") + 1)
      If Left(sUrl, 20) = "vnd.sun.star.expand:" Then
        sUrl = oExp.expandMacros(ConvertFromURL(Mid(sUrl, 21)))
      End If
      aArgs(0).Name = "AsTemplate" : aArgs(0).Value = True
      aArgs(1).Name = "Hidden" : aArgs(1).Value = True
      oDoc = StarDesktop.loadComponentFromURL(sUrl, "_blank", 0, aArgs())
      Say "opened " & Mid(s, 6, InStr(s, "|") - 6) & " as template: URL='" & oDoc.getURL() & "' title='" & oDoc.getTitle() _
          & "' TemplateName='" & oDoc.DocumentProperties.TemplateName & "' pages=" & oDoc.CurrentController.PageCount
      nLines = 0
      oPage = oDoc.DrawPage
      For i = 0 To oPage.Count - 1
        oShape = oPage.getByIndex(i)
        If oShape.getPropertySetInfo().hasPropertyByName("IsSignatureLine") Then
          If oShape.IsSignatureLine Then
            nLines = nLines + 1
            Say "  line " & nLines & ": name='" & oShape.SignatureLineSuggestedSignerName & "' title='" _
                & oShape.SignatureLineSuggestedSignerTitle & "' email='" & oShape.SignatureLineSuggestedSignerEmail _
                & "' id=" & oShape.SignatureLineId & " size=" & oShape.Size.Width & "x" & oShape.Size.Height _
                & " anchor=" & oShape.AnchorType & " unsignedImage=" & CStr(Not IsNull(oShape.SignatureLineUnsignedImage))
          End If
        End If
      Next
      Say "  signature lines: " & nLines
      oStyles = oDoc.StyleFamilies.getByName("PageStyles")
      For Each sName In oStyles.ElementNames
        oStyle = oStyles.getByName(sName)
        If oStyle.isInUse() Or sName = "Standard" Then
          Say "  page style '" & sName & "': " & oStyle.Width & "x" & oStyle.Height & " bottom margin " & oStyle.BottomMargin _
              & " footer " & oStyle.FooterIsOn & " header " & oStyle.HeaderIsOn & " next '" & oStyle.FollowStyle & "'"
        End If
      Next
      oFields = oDoc.TextFields.createEnumeration()
      nPlaceholders = 0 : nPageFields = 0
      While oFields.hasMoreElements()
        oField = oFields.nextElement()
        If oField.supportsService("com.sun.star.text.TextField.JumpEdit") Then nPlaceholders = nPlaceholders + 1
        If oField.supportsService("com.sun.star.text.TextField.PageNumber") Or oField.supportsService("com.sun.star.text.TextField.PageCount") Then nPageFields = nPageFields + 1
      Wend
      Say "  placeholders: " & nPlaceholders & ", page number/count fields: " & nPageFields
      oDoc.close(True)
    End If
  Next
  GoTo Done
Failed:
  Say "ERROR " & Err & " line " & Erl & ": " & Error$
Done:
  iFile = FreeFile
  Open Environ("OUT") For Output As #iFile
  Print #iFile, sOut
  Close #iFile
  StarDesktop.terminate()
End Sub
